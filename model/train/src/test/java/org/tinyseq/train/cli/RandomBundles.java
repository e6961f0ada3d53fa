package org.tinyseq.train.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.BundleWriter;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.bundle.Tensor;
import org.tinyseq.serve.text.Vocabulary;

/**
 * Writes small random-weight LSTM bundles for command-line tests (no training needed); a version
 * starting with "chat" makes a chat bundle, any other a translate bundle.
 */
final class RandomBundles {
  private RandomBundles() {}

  static Path write(
      Path parent,
      String version,
      List<String> source,
      List<String> target,
      Map<String, Object> corpus,
      Map<String, Object> training)
      throws IOException {
    return write(parent, version, source, target, corpus, training, -1);
  }

  /**
   * A bundle whose decoder emits target id {@code repeat} at every step and never the end marker
   * (zero output kernel, output bias +10 for that id, -10 for the end marker, 0 else): its output
   * is exactly as long as the step limit allows, so a step limit provably shows in it.
   */
  static Path writeRepeating(Path parent, String version, List<String> source, String symbol)
      throws IOException {
    return write(parent, version, source, List.of(symbol), Map.of(), Map.of(), 4);
  }

  private static Path write(
      Path parent,
      String version,
      List<String> source,
      List<String> target,
      Map<String, Object> corpus,
      Map<String, Object> training,
      int repeat)
      throws IOException {
    Architecture a = new Architecture("lstm", "char", 8, 4, 4, true, 30, 6);
    Vocabulary vs = Vocabulary.of(source);
    Vocabulary vt = Vocabulary.of(target);
    Manifest manifest =
        new Manifest(
            Manifest.FORMAT,
            Manifest.FORMAT_VERSION,
            version.startsWith("chat") ? "chat" : "translate",
            version,
            "2026-11-26T00:00:00Z",
            a,
            vs.size(),
            vt.size(),
            corpus,
            training,
            Map.of(),
            Map.of());
    Random r = new Random(3);
    return BundleWriter.write(
        parent,
        manifest,
        vs,
        vt,
        graph(r, a, vs.size(), 0),
        repeat < 0
            ? graph(r, a, vt.size(), vt.size())
            : repeating(graph(r, a, vt.size(), vt.size()), repeat),
        Map.of());
  }

  private static List<Tensor> repeating(List<Tensor> decoder, int id) {
    List<Tensor> out = new ArrayList<>();
    for (Tensor t : decoder) {
      if (t.name().equals("output_kernel")) {
        out.add(new Tensor(t.name(), t.shape(), new float[t.data().length]));
      } else if (t.name().equals("output_bias")) {
        float[] bias = new float[t.data().length];
        bias[2] = -10f; // the end marker
        bias[id] = 10f;
        out.add(new Tensor(t.name(), t.shape(), bias));
      } else {
        out.add(t);
      }
    }
    return out;
  }

  private static List<Tensor> graph(Random r, Architecture a, int vocab, int out) {
    int h = a.latentDim();
    int e = a.sourceEmbeddingDim();
    List<Tensor> t = new ArrayList<>();
    t.add(random(r, "embedding", vocab, e));
    t.add(random(r, "kernel", e, 4 * h));
    t.add(random(r, "recurrent_kernel", h, 4 * h));
    t.add(random(r, "bias", 4 * h));
    if (out > 0) {
      t.add(random(r, "output_kernel", h, out));
      t.add(random(r, "output_bias", out));
    }
    return t;
  }

  private static Tensor random(Random r, String name, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] data = new float[n];
    for (int i = 0; i < n; i++) {
      data[i] = (float) (r.nextGaussian() * 0.8);
    }
    return new Tensor(name, shape, data);
  }
}
