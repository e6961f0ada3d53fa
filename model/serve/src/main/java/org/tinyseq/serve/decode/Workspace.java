package org.tinyseq.serve.decode;

/**
 * Scratch arrays of one decodeBatch call, sized once so that the step loop allocates nothing. Every
 * accumulator is its own array (see {@link Kernels} for why).
 */
final class Workspace {
  /** Hidden state h of each batch row. */
  final float[][] h;

  /** Cell state c of each batch row (LSTM). */
  final float[][] c;

  /** Gate pre-activations of each batch row, one array per gate block. */
  final float[][][] acc;

  /** The same arrays as {@link #acc}, gate first: {@code accByGate[g][b] == acc[b][g]}. */
  final float[][][] accByGate;

  /**
   * GRU: the input part {@code x·kernel + bias} of each gate, kept apart from the recurrent part.
   */
  final float[][][] xin;

  /** Output scores of one column block, per batch row. */
  final float[][] seg;

  /** The attention decoder's memory and fed vectors; null for the design without attention. */
  AttentionMemory attention;

  final int[] tokens;
  final int[] rows;
  final float[] best;
  final int[] bestId;

  /**
   * @param accLength length of each gate accumulator: at least {@code hidden}, more when the vector
   *     kernels work on padded panels
   */
  Workspace(int batch, int hidden, int gates, int accLength, int outputBlock) {
    h = new float[batch][hidden];
    c = new float[batch][hidden];
    acc = new float[batch][gates][accLength];
    accByGate = new float[gates][batch][];
    for (int b = 0; b < batch; b++) {
      for (int g = 0; g < gates; g++) {
        accByGate[g][b] = acc[b][g];
      }
    }
    xin = gates == 3 ? new float[batch][gates][hidden] : null;
    seg = new float[batch][Math.max(outputBlock, Matrix.SCRATCH)];
    tokens = new int[batch];
    rows = new int[batch];
    best = new float[batch];
    bestId = new int[batch];
  }

  /**
   * Rows {@code to[i]} take h, c (and the fed vector, when {@code feed} is given) of rows {@code
   * from[i]}, all read before any is written.
   */
  void reorder(int[] from, int[] to, int n, float[][] feed) {
    float[][] hs = new float[n][];
    float[][] cs = new float[n][];
    float[][] fs = new float[n][];
    for (int i = 0; i < n; i++) {
      hs[i] = h[from[i]].clone();
      cs[i] = c[from[i]].clone();
      fs[i] = feed == null ? null : feed[from[i]].clone();
    }
    for (int i = 0; i < n; i++) {
      System.arraycopy(hs[i], 0, h[to[i]], 0, hs[i].length);
      System.arraycopy(cs[i], 0, c[to[i]], 0, cs[i].length);
      if (feed != null) {
        System.arraycopy(fs[i], 0, feed[to[i]], 0, fs[i].length);
      }
    }
  }
}
