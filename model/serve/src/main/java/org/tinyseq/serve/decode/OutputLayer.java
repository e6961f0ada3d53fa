package org.tinyseq.serve.decode;

/**
 * The decoder's output projection {@code scores = h·output_kernel + output_bias} fused with the
 * argmax. The kernel is split into column blocks of {@link #BLOCK} target ids; for each block the
 * scores of every batch row are accumulated into a small buffer (one pass over the block's rows for
 * the whole batch), then reduced to the running best id and logit, so the {@code [B, Vt]} score
 * matrix never exists and each weight is read once per step whatever the batch size.
 */
final class OutputLayer {
  /**
   * Target ids per column block: a block's weights are {@code H·BLOCK} floats (256 KB at H 256).
   */
  static final int BLOCK = 256;

  private final int hidden;
  private final float[] fullBias;
  private final float[][][] kernel;
  private final float[][] bias;

  /** The Vector API layout, or null when the scalar loops are used. */
  private final Matrix vector;

  OutputLayer(float[] kernel, float[] bias, int hidden, boolean useVector) {
    this.hidden = hidden;
    this.fullBias = bias;
    if (useVector) {
      this.vector = Matrix.vector(kernel, hidden, bias.length, bias);
      this.kernel = null;
      this.bias = null;
    } else {
      this.vector = null;
      this.kernel = Kernels.columnBlocks(kernel, hidden, bias.length, BLOCK);
      this.bias = Kernels.blocks(bias, BLOCK);
    }
  }

  /**
   * For the batch rows {@code rows[0, n)}: {@code bestId[b]} = argmax of the scores of {@code h[b]}
   * (the lowest id on ties), {@code best[b]} = its logit.
   */
  void argmax(float[][] h, int[] rows, int n, Workspace ws) {
    if (vector != null) {
      vector.argmax(h, rows, n, ws.best, ws.bestId, ws.seg);
      return;
    }
    float[] best = ws.best;
    int[] bestId = ws.bestId;
    float[][] seg = ws.seg;
    for (int r = 0; r < n; r++) {
      best[rows[r]] = Float.NEGATIVE_INFINITY;
      bestId[rows[r]] = 0;
    }
    for (int t = 0; t < kernel.length; t++) {
      float[][] block = kernel[t];
      float[] blockBias = bias[t];
      int w = blockBias.length;
      for (int r = 0; r < n; r++) {
        System.arraycopy(blockBias, 0, seg[rows[r]], 0, w);
      }
      for (int k = 0; k < hidden; k++) {
        float[] row = block[k];
        for (int r = 0; r < n; r++) {
          int b = rows[r];
          Kernels.axpy(seg[b], row, h[b][k], w);
        }
      }
      int c0 = t * BLOCK;
      for (int r = 0; r < n; r++) {
        int b = rows[r];
        float[] s = seg[b];
        float m = best[b];
        int id = bestId[b];
        for (int j = 0; j < w; j++) {
          if (s[j] > m) {
            m = s[j];
            id = c0 + j;
          }
        }
        best[b] = m;
        bestId[b] = id;
      }
    }
  }

  /** Length of the rows {@link #logits} fills: Vt, or more for the vector kernel's panels. */
  int logitsLength() {
    return vector != null ? vector.paddedCols() : fullBias.length;
  }

  /**
   * Every logit, for beam search: {@code out[b][0, Vt) = h[b]·output_kernel + output_bias} for the
   * batch rows {@code rows[0, n)}, bit for bit the values {@link #argmax} compares.
   */
  void logits(float[][] h, int[] rows, int n, Workspace ws, float[][] out) {
    int vt = fullBias.length;
    if (vector != null) {
      for (int r = 0; r < n; r++) {
        System.arraycopy(fullBias, 0, out[rows[r]], 0, vt);
      }
      vector.multiplyAdd(h, rows, n, out);
      return;
    }
    float[][] seg = ws.seg;
    for (int t = 0; t < kernel.length; t++) {
      float[][] block = kernel[t];
      float[] blockBias = bias[t];
      int w = blockBias.length;
      for (int r = 0; r < n; r++) {
        System.arraycopy(blockBias, 0, seg[rows[r]], 0, w);
      }
      for (int k = 0; k < hidden; k++) {
        float[] row = block[k];
        for (int r = 0; r < n; r++) {
          int b = rows[r];
          Kernels.axpy(seg[b], row, h[b][k], w);
        }
      }
      for (int r = 0; r < n; r++) {
        System.arraycopy(seg[rows[r]], 0, out[rows[r]], t * BLOCK, w);
      }
    }
  }
}
