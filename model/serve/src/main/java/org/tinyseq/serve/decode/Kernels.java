package org.tinyseq.serve.decode;

/**
 * The numeric inner loops. Written as plain loops over contiguous arrays so that HotSpot C2 unrolls
 * and vectorises them (SSE/AVX); no allocation, no virtual calls.
 */
final class Kernels {
  /** Column tile width: a [256, 256] float tile is 256 KB and stays in L2 across a batch. */
  static final int TILE = 256;

  private Kernels() {}

  /** {@code y[yo, yo+n) += a · x[xo, xo+n)}. */
  static void axpy(float[] y, int yo, float[] x, int xo, float a, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] += a * x[xo + i];
    }
  }

  /**
   * Rearranges a row-major {@code [rows, cols]} matrix into column tiles: tile {@code t} covers
   * columns {@code [t·TILE, min(cols, (t+1)·TILE))} and holds its {@code rows} row segments one
   * after the other, so element (k, c) of tile starting at c0 with width w is at {@code c0·rows +
   * k·w + (c − c0)}.
   */
  static float[] tile(float[] m, int rows, int cols) {
    float[] out = new float[rows * cols];
    for (int c0 = 0; c0 < cols; c0 += TILE) {
      int w = Math.min(TILE, cols - c0);
      int base = c0 * rows;
      for (int k = 0; k < rows; k++) {
        System.arraycopy(m, k * cols + c0, out, base + k * w, w);
      }
    }
    return out;
  }

  /**
   * {@code acc[b] += x[b] · W} for the batch rows {@code rows[0, n)}, where {@code x} is {@code [B,
   * inner]}, {@code W} is {@code [inner, cols]} in tiles (see {@link #tile}) and {@code acc} rows
   * are {@code stride} floats apart. Each tile is read once per call for the whole batch.
   */
  static void addProduct(
      float[] x, int inner, int[] rows, int n, float[] tiles, int cols, float[] acc, int stride) {
    for (int c0 = 0; c0 < cols; c0 += TILE) {
      int w = Math.min(TILE, cols - c0);
      int base = c0 * inner;
      for (int r = 0; r < n; r++) {
        int b = rows[r];
        int xo = b * inner;
        int ao = b * stride + c0;
        for (int k = 0; k < inner; k++) {
          axpy(acc, ao, tiles, base + k * w, x[xo + k], w);
        }
      }
    }
  }

  static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + Math.exp(-x)));
  }

  /** tanh through exp (an intrinsic), accurate to float precision, saturating cleanly. */
  static float tanh(float x) {
    return (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0));
  }
}
