package org.tinyseq.serve.tools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.BundleWriter;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.bundle.ModelRef;
import org.tinyseq.serve.bundle.Tensor;
import org.tinyseq.serve.text.Vocabulary;

/**
 * Bundles with random weights of any architecture, for benchmarks and parity tests before (or
 * besides) a trained model. Weights are scaled like a trained network's (about 1/sqrt(fan-in), so
 * the gates do not saturate) and the output kernel is spread out so that logits are well separated.
 */
public final class RandomBundles {
  private RandomBundles() {}

  /** The default translate model's sizes: LSTM, latent 256, embedding 64, ~80 source chars. */
  public static Architecture translateSized() {
    return new Architecture(Architecture.LSTM, Architecture.CHAR, 256, 64, 64, true, 80, 24);
  }

  /**
   * The attention translate model's sizes (issue 10): bidirectional LSTM 2x128, Luong attention,
   * decoder 256, embeddings 64, sources up to 60 characters, targets up to 40.
   */
  public static Architecture translateAttentionSized() {
    return new Architecture(
        Architecture.LSTM, Architecture.CHAR, 256, 64, 64, true, 60, 40, Architecture.LUONG);
  }

  /** The English characters of a typical corpus: letters, digits, space, common punctuation. */
  public static List<String> englishChars() {
    List<String> out = new ArrayList<>();
    String chars =
        " !\"$%&'(),-.0123456789:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" + "éè€";
    chars.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
    return out;
  }

  /** {@code n} distinct CJK ideographs, as a stand-in target vocabulary. */
  public static List<String> cjkChars(int n) {
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new String(Character.toChars(0x4e00 + i)));
    }
    return out;
  }

  /** Chat-sized: LSTM, latent 256, embedding 64, English characters on both sides. */
  public static Architecture chatSized() {
    return new Architecture(Architecture.LSTM, Architecture.CHAR, 256, 64, 64, true, 80, 40);
  }

  /**
   * A model reference as the benchmark tools accept it: {@code random:translate} or {@code
   * random:chat} (random weights of the default sizes), {@code random:translate-luong} (random
   * weights of the attention model's sizes, ~2,500 targets), else anything {@link ModelRef} loads.
   */
  public static Bundle resolve(String ref) throws BundleException {
    if (ref.equals("random:translate-luong")) {
      return create(
          "translate",
          "random-translate-luong",
          translateAttentionSized(),
          englishChars(),
          cjkChars(2500),
          3);
    }
    if (ref.equals("random:translate")) {
      return create(
          "translate", "random-translate", translateSized(), englishChars(), cjkChars(2000), 1);
    }
    if (ref.equals("random:chat")) {
      return create("chat", "random-chat", chatSized(), englishChars(), englishChars(), 2);
    }
    return ModelRef.load(ref);
  }

  /** An in-memory bundle (not checksummed: it never touched a disk). */
  public static Bundle create(
      String kind, String version, Architecture a, List<String> src, List<String> tgt, long seed) {
    Vocabulary vs = Vocabulary.of(src);
    Vocabulary vt = Vocabulary.of(tgt);
    Random r = new Random(seed);
    Map<String, Tensor> enc = byName(encoder(r, a, vs.size()));
    Map<String, Tensor> dec = byName(decoder(r, a, vt.size()));
    return new Bundle(manifest(kind, version, a, vs, vt), vs, vt, enc, dec, "random:" + version);
  }

  /** Writes a random bundle into {@code parent/version} with {@link BundleWriter}. */
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
        manifest(kind, version, a, vs, vt),
        vs,
        vt,
        encoder(r, a, vs.size()),
        decoder(r, a, vt.size()),
        Map.of());
  }

  private static Manifest manifest(
      String kind, String version, Architecture a, Vocabulary vs, Vocabulary vt) {
    return new Manifest(
        Manifest.FORMAT,
        Manifest.FORMAT_VERSION,
        kind,
        version,
        "2026-11-26T00:00:00Z",
        a,
        vs.size(),
        vt.size(),
        Map.of("name", "random"),
        Map.of("command", "RandomBundles"),
        Map.of(),
        Map.of());
  }

  private static Map<String, Tensor> byName(List<Tensor> tensors) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    tensors.forEach(t -> out.put(t.name(), t));
    return out;
  }

  private static List<Tensor> encoder(Random r, Architecture a, int vocab) {
    if (!a.luong()) {
      return graph(r, a, a.sourceEmbeddingDim(), vocab, 0);
    }
    // bidirectional: each direction an LSTM of He = H/2 over the one shared embedding
    int he = a.latentDim() / 2;
    int e = a.sourceEmbeddingDim();
    List<Tensor> t = new ArrayList<>();
    if (e > 0) {
      t.add(gaussian(r, "embedding", 1.0, vocab, e));
    }
    for (String prefix : List.of("", "backward_")) {
      t.add(
          gaussian(
              r, prefix + "kernel", e > 0 ? 1.0 / Math.sqrt(e) : 1.0, e > 0 ? e : vocab, 4 * he));
      t.add(gaussian(r, prefix + "recurrent_kernel", 1.5 / Math.sqrt(he), he, 4 * he));
      t.add(gaussian(r, prefix + "bias", 0.1, 4 * he));
    }
    return t;
  }

  private static List<Tensor> decoder(Random r, Architecture a, int vocab) {
    if (!a.luong()) {
      return graph(r, a, a.targetEmbeddingDim(), vocab, vocab);
    }
    int h = a.latentDim();
    int e = a.targetEmbeddingDim();
    int in = e > 0 ? e : vocab;
    // the kernel's first rows take the embedding (or one-hot), its last H rows the fed ĥ
    float[] kernel = new float[(in + h) * 4 * h];
    double inStd = e > 0 ? 1.0 / Math.sqrt(e) : 1.0;
    double feedStd = 1.0 / Math.sqrt(h);
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = (float) (r.nextGaussian() * (i < in * 4 * h ? inStd : feedStd));
    }
    List<Tensor> t = new ArrayList<>();
    if (e > 0) {
      t.add(gaussian(r, "embedding", 1.0, vocab, e));
    }
    t.add(new Tensor("kernel", new int[] {in + h, 4 * h}, kernel));
    t.add(gaussian(r, "recurrent_kernel", 1.5 / Math.sqrt(h), h, 4 * h));
    t.add(gaussian(r, "bias", 0.1, 4 * h));
    t.add(gaussian(r, "attention_kernel", 2.0 / Math.sqrt(h), h, h));
    t.add(gaussian(r, "attention_output_kernel", 1.5 / Math.sqrt(2 * h), 2 * h, h));
    t.add(gaussian(r, "output_kernel", 4.0 / Math.sqrt(h), h, vocab));
    t.add(gaussian(r, "output_bias", 0.5, vocab));
    return t;
  }

  private static List<Tensor> graph(Random r, Architecture a, int emb, int vocab, int out) {
    int h = a.latentDim();
    int g = a.gates() * h;
    List<Tensor> t = new ArrayList<>();
    if (emb > 0) {
      t.add(gaussian(r, "embedding", 1.0, vocab, emb));
      t.add(gaussian(r, "kernel", 1.0 / Math.sqrt(emb), emb, g));
    } else {
      t.add(gaussian(r, "kernel", 1.0, vocab, g));
    }
    t.add(gaussian(r, "recurrent_kernel", 1.5 / Math.sqrt(h), h, g));
    t.add(gaussian(r, "bias", 0.1, g));
    if (a.gates() == 3) {
      t.add(gaussian(r, "recurrent_bias", 0.1, g));
    }
    if (out > 0) {
      t.add(gaussian(r, "output_kernel", 4.0 / Math.sqrt(h), h, out));
      t.add(gaussian(r, "output_bias", 0.5, out));
    }
    return t;
  }

  private static Tensor gaussian(Random r, String name, double std, int... shape) {
    int n = 1;
    for (int d : shape) {
      n *= d;
    }
    float[] data = new float[n];
    for (int i = 0; i < n; i++) {
      data[i] = (float) (r.nextGaussian() * std);
    }
    return new Tensor(name, shape, data);
  }
}
