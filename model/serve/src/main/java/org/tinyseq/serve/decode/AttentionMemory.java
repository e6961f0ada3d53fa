package org.tinyseq.serve.decode;

/**
 * What the attention decoder looks at during one decode call: per source, the memory bank {@code
 * m_s} and the precomputed keys {@code m_s·A} (transposed, so that the scores of all source steps
 * are a sequence of {@link Kernels#axpy} over whole arrays); per decoder row, which source it
 * reads, its attentional vector {@code ĥ} (fed back as input at the next step) and scratch.
 */
final class AttentionMemory {
  /** {@code bank[src][s]}: m_s, H floats, for the real steps {@code s < length[src]} only. */
  final float[][][] bank;

  /** {@code keys[src][k]}: {@code (m_s·A)[k]} for {@code s < length[src]}. */
  final float[][][] keys;

  final int[] length;

  /** Decoder row → the source it attends over. */
  final int[] sourceOf;

  /** ĥ of each decoder row (zero before the first step), padded to the dense kernels' length. */
  final float[][] feed;

  /** Context vector of each decoder row. */
  final float[][] context;

  /** Attention scores, then weights, of each decoder row over its source steps. */
  final float[][] weights;

  AttentionMemory(int[][] src, int[] sourceOf, int hidden, int accLength) {
    int sources = src.length;
    int rows = sourceOf.length;
    this.sourceOf = sourceOf;
    this.length = new int[sources];
    this.bank = new float[sources][][];
    this.keys = new float[sources][][];
    int longest = 0;
    for (int i = 0; i < sources; i++) {
      length[i] = src[i].length;
      longest = Math.max(longest, length[i]);
      bank[i] = new float[length[i]][hidden];
      keys[i] = new float[hidden][length[i]];
    }
    this.feed = new float[rows][accLength];
    this.context = new float[rows][hidden];
    this.weights = new float[rows][longest];
  }
}
