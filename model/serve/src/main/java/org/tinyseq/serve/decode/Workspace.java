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
}
