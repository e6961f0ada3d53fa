package org.tinyseq.serve.bundle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tinyseq.serve.text.Vocabulary;

/**
 * The one maker of bundles with random weights of any architecture: for tests (format, decoder,
 * registry, service, bot, training commands) and for the benchmarks before (or besides) a trained
 * model. Weights are scaled like a trained network's (about 1/sqrt(fan-in), so the gates do not
 * saturate) and the output kernel is spread out so that logits are well separated.
 *
 * <p>It lives in model-serve's test sources, shipped as the module's test-jar, so that the serving
 * jar (and the bot's jar, which contains it) carries no test helpers; model-serve's own tests need
 * it, so it cannot live in a module that depends on model-serve.
 */
public final class RandomBundles {
  private RandomBundles() {}

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

  /** An in-memory bundle (not checksummed: it never touched a disk). */
  public static Bundle create(
      String kind, String version, Architecture a, List<String> src, List<String> tgt, long seed) {
    Vocabulary vs = Vocabulary.of(src);
    Vocabulary vt = Vocabulary.of(tgt);
    Random r = new Random(seed);
    Map<String, Tensor> enc = byName(encoder(r, a, vs.size()));
    Map<String, Tensor> dec = byName(decoder(r, a, vt.size()));
    return new Bundle(
        manifest(
            kind, version, a, vs, vt, Map.of("name", "random"), Map.of("command", "RandomBundles")),
        vs,
        vt,
        enc,
        dec,
        "random:" + version);
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
    return write(
        parent,
        kind,
        version,
        a,
        src,
        tgt,
        seed,
        Map.of("name", "random"),
        Map.of("command", "RandomBundles"));
  }

  /**
   * The same with the manifest's {@code corpus} and {@code training} sections given (the training
   * commands read them, e.g. to find the corpus a bundle was trained on).
   */
  public static Path write(
      Path parent,
      String kind,
      String version,
      Architecture a,
      List<String> src,
      List<String> tgt,
      long seed,
      Map<String, Object> corpus,
      Map<String, Object> training)
      throws IOException {
    Vocabulary vs = Vocabulary.of(src);
    Vocabulary vt = Vocabulary.of(tgt);
    Random r = new Random(seed);
    return BundleWriter.write(
        parent,
        manifest(kind, version, a, vs, vt, corpus, training),
        vs,
        vt,
        encoder(r, a, vs.size()),
        decoder(r, a, vt.size()),
        Map.of());
  }

  /**
   * A bundle whose decoder emits {@code symbol} at every step and never the end marker (zero output
   * kernel, output bias +10 for the symbol, -10 for the end marker, 0 else): its output is exactly
   * as long as the step limit allows, so a step limit provably shows in it. Plain (not attention)
   * architectures only.
   */
  public static Path writeRepeating(
      Path parent, String kind, String version, Architecture a, List<String> src, String symbol)
      throws IOException {
    Vocabulary vs = Vocabulary.of(src);
    Vocabulary vt = Vocabulary.of(List.of(symbol));
    Random r = new Random(3);
    List<Tensor> encoder = encoder(r, a, vs.size());
    List<Tensor> decoder = new ArrayList<>();
    for (Tensor t : decoder(r, a, vt.size())) {
      if (t.name().equals("output_kernel")) {
        decoder.add(new Tensor(t.name(), t.shape(), new float[t.data().length]));
      } else if (t.name().equals("output_bias")) {
        float[] bias = new float[t.data().length];
        bias[Vocabulary.END] = -10f;
        bias[vt.id(symbol)] = 10f;
        decoder.add(new Tensor(t.name(), t.shape(), bias));
      } else {
        decoder.add(t);
      }
    }
    return BundleWriter.write(
        parent,
        manifest(kind, version, a, vs, vt, Map.of(), Map.of()),
        vs,
        vt,
        encoder,
        decoder,
        Map.of());
  }

  private static Manifest manifest(
      String kind,
      String version,
      Architecture a,
      Vocabulary vs,
      Vocabulary vt,
      Map<String, Object> corpus,
      Map<String, Object> training) {
    return Manifest.builder()
        .kind(ModelKind.fromJson(kind).orElseThrow())
        .version(version)
        .createdAt("2026-11-26T00:00:00Z")
        .architecture(a)
        .vocabularySizes(vs.size(), vt.size())
        .corpus(corpus)
        .training(training)
        .build();
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
