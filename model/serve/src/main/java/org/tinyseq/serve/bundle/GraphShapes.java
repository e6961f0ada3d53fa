package org.tinyseq.serve.bundle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors an architecture needs, by name, with their exact shapes (docs/bundle-format.md). A
 * graph file must hold exactly these: a missing, misshapen or unknown tensor refuses the bundle,
 * and the same shapes bound the size of each tensor file (see {@link FileLimits}).
 */
public final class GraphShapes {
  private GraphShapes() {}

  /** The encoder's tensors over a source vocabulary of {@code vocabSize} entries. */
  public static Map<String, int[]> encoder(Architecture a, int vocabSize) {
    if (a.luong()) {
      // version 2: two LSTM directions of He = H/2 sharing one embedding
      int he = a.latentDim() / 2;
      int e = a.sourceEmbeddingDim();
      Map<String, int[]> out = new LinkedHashMap<>();
      if (e > 0) {
        out.put("embedding", new int[] {vocabSize, e});
      }
      for (String prefix : new String[] {"", "backward_"}) {
        out.put(prefix + "kernel", new int[] {e > 0 ? e : vocabSize, 4 * he});
        out.put(prefix + "recurrent_kernel", new int[] {he, 4 * he});
        out.put(prefix + "bias", new int[] {4 * he});
      }
      return out;
    }
    return recurrent(a, a.sourceEmbeddingDim(), vocabSize);
  }

  /** The decoder's tensors over a target vocabulary of {@code vocabSize} entries. */
  public static Map<String, int[]> decoder(Architecture a, int vocabSize) {
    if (a.luong()) {
      // version 2: input feeding, attention and the attentional output
      int h = a.latentDim();
      int e = a.targetEmbeddingDim();
      Map<String, int[]> out = new LinkedHashMap<>();
      if (e > 0) {
        out.put("embedding", new int[] {vocabSize, e});
      }
      out.put("kernel", new int[] {(e > 0 ? e : vocabSize) + h, 4 * h});
      out.put("recurrent_kernel", new int[] {h, 4 * h});
      out.put("bias", new int[] {4 * h});
      out.put("attention_kernel", new int[] {h, h});
      out.put("attention_output_kernel", new int[] {2 * h, h});
      out.put("output_kernel", new int[] {h, vocabSize});
      out.put("output_bias", new int[] {vocabSize});
      return out;
    }
    Map<String, int[]> out = recurrent(a, a.targetEmbeddingDim(), vocabSize);
    out.put("output_kernel", new int[] {a.latentDim(), vocabSize});
    out.put("output_bias", new int[] {vocabSize});
    return out;
  }

  private static Map<String, int[]> recurrent(Architecture a, int embeddingDim, int vocabSize) {
    int h = a.latentDim();
    int g = a.gates() * h;
    Map<String, int[]> out = new LinkedHashMap<>();
    if (embeddingDim > 0) {
      out.put("embedding", new int[] {vocabSize, embeddingDim});
    }
    out.put("kernel", new int[] {embeddingDim > 0 ? embeddingDim : vocabSize, g});
    out.put("recurrent_kernel", new int[] {h, g});
    out.put("bias", new int[] {g});
    if (a.cell() == Cell.GRU) {
      out.put("recurrent_bias", new int[] {g});
    }
    return out;
  }

  /** The number of floats in all {@code shapes}; exact, {@link ArithmeticException} on overflow. */
  public static long floats(Map<String, int[]> shapes) {
    long total = 0;
    for (int[] shape : shapes.values()) {
      long n = 1;
      for (int d : shape) {
        n = Math.multiplyExact(n, (long) d);
      }
      total = Math.addExact(total, n);
    }
    return total;
  }
}
