package org.tinyseq.serve.bundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tinyseq.serve.text.Vocabulary;

/** Random-weight bundles of any architecture, for tests of the format and the decoder. */
public final class TestBundles {
  private TestBundles() {}

  public static Manifest manifest(String kind, String version, Architecture a, int vs, int vt) {
    return new Manifest(
        Manifest.FORMAT,
        Manifest.FORMAT_VERSION,
        kind,
        version,
        "2026-11-26T00:00:00Z",
        a,
        vs,
        vt,
        Map.of("name", "test"),
        Map.of("command", "test"),
        Map.of(),
        Map.of());
  }

  public static Architecture lstm(int latent, int emb) {
    return new Architecture("lstm", "char", latent, emb, emb, true, 20, 12);
  }

  /** Writes a random bundle over the given vocabularies into {@code parent/version}. */
  public static Path write(
      Path parent,
      String kind,
      String version,
      Architecture a,
      List<String> src,
      List<String> tgt,
      long seed)
      throws IOException {
    Vocabulary vs = Vocabulary.of(src);
    Vocabulary vt = Vocabulary.of(tgt);
    Random r = new Random(seed);
    return BundleWriter.write(
        parent,
        manifest(kind, version, a, vs.size(), vt.size()),
        vs,
        vt,
        graph(r, a, a.sourceEmbeddingDim(), vs.size(), 0),
        graph(r, a, a.targetEmbeddingDim(), vt.size(), vt.size()),
        Map.of());
  }

  static List<Tensor> graph(Random r, Architecture a, int emb, int vocab, int out) {
    int h = a.latentDim();
    int g = a.gates() * h;
    List<Tensor> t = new ArrayList<>();
    if (emb > 0) {
      t.add(random(r, "embedding", vocab, emb));
    }
    t.add(random(r, "kernel", emb > 0 ? emb : vocab, g));
    t.add(random(r, "recurrent_kernel", h, g));
    t.add(random(r, "bias", g));
    if (a.gates() == 3) {
      t.add(random(r, "recurrent_bias", g));
    }
    if (out > 0) {
      t.add(random(r, "output_kernel", h, out));
      t.add(random(r, "output_bias", out));
    }
    return t;
  }

  static Tensor random(Random r, String name, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] data = new float[n];
    for (int i = 0; i < n; i++) {
      data[i] = (float) (r.nextGaussian() * 0.5);
    }
    return new Tensor(name, shape, data);
  }
}
