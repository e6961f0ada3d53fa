package org.tinyseq.serve.decode;

/**
 * The decoder's output projection {@code scores = h·output_kernel + output_bias} fused with the
 * argmax: the scores are computed one column tile at a time into a small buffer and only the best
 * id and its logit survive, so the {@code [B, Vt]} score matrix never exists.
 */
final class OutputLayer {
  private final int hidden;
  private final int vocab;
  private final float[] tiles;
  private final float[] bias;

  OutputLayer(float[] kernel, float[] bias, int hidden) {
    this.hidden = hidden;
    this.vocab = bias.length;
    this.tiles = Kernels.tile(kernel, hidden, vocab);
    this.bias = bias;
  }

  int vocab() {
    return vocab;
  }

  /**
   * For the batch rows {@code rows[0, n)}: {@code bestId[b]} = argmax of the scores of {@code h[b]}
   * (the lowest id on ties), {@code best[b]} = its logit.
   */
  void argmax(float[] h, int[] rows, int n, Workspace ws) {
    float[] best = ws.best;
    int[] bestId = ws.bestId;
    float[] seg = ws.seg;
    for (int r = 0; r < n; r++) {
      best[rows[r]] = Float.NEGATIVE_INFINITY;
      bestId[rows[r]] = 0;
    }
    for (int c0 = 0; c0 < vocab; c0 += Kernels.TILE) {
      int w = Math.min(Kernels.TILE, vocab - c0);
      int base = c0 * hidden;
      for (int r = 0; r < n; r++) {
        int b = rows[r];
        int ho = b * hidden;
        System.arraycopy(bias, c0, seg, 0, w);
        for (int k = 0; k < hidden; k++) {
          Kernels.axpy(seg, 0, tiles, base + k * w, h[ho + k], w);
        }
        float m = best[b];
        int id = bestId[b];
        for (int j = 0; j < w; j++) {
          if (seg[j] > m) {
            m = seg[j];
            id = c0 + j;
          }
        }
        best[b] = m;
        bestId[b] = id;
      }
    }
  }
}
