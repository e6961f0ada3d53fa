package org.tinyseq.serve.decode;

/**
 * The numeric inner loops, written so that HotSpot C2 vectorises them (AVX2 fused multiply-add).
 *
 * <p>C2 (Java 17) only vectorises {@code y[i] += a·x[i]} when both arrays are indexed from the same
 * constant offset: with a variable offset it cannot rule out that {@code y} and {@code x} overlap
 * and falls back to scalar code, 4-5x slower. So every weight matrix is kept as an array of rows
 * ({@code float[rows][cols]}) and every accumulator as its own array, and the loops run from 0.
 */
final class Kernels {
  private Kernels() {}

  /** {@code y[0, n) += a · x[0, n)}, fused multiply-add. */
  static void axpy(float[] y, float[] x, float a, int n) {
    for (int i = 0; i < n; i++) {
      y[i] = Math.fma(a, x[i], y[i]);
    }
  }

  /** Splits a row-major {@code [rows, cols]} matrix into column blocks of {@code width} columns. */
  static float[][][] columnBlocks(float[] m, int rows, int cols, int width) {
    int blocks = (cols + width - 1) / width;
    float[][][] out = new float[blocks][rows][];
    for (int t = 0; t < blocks; t++) {
      int c0 = t * width;
      int w = Math.min(width, cols - c0);
      for (int k = 0; k < rows; k++) {
        out[t][k] = new float[w];
        System.arraycopy(m, k * cols + c0, out[t][k], 0, w);
      }
    }
    return out;
  }

  /** Splits a vector into blocks of {@code width} (the last may be shorter). */
  static float[][] blocks(float[] v, int width) {
    int n = (v.length + width - 1) / width;
    float[][] out = new float[n][];
    for (int t = 0; t < n; t++) {
      int c0 = t * width;
      out[t] = new float[Math.min(width, v.length - c0)];
      System.arraycopy(v, c0, out[t], 0, out[t].length);
    }
    return out;
  }

  static float sigmoid(float x) {
    return (float) (1.0 / (1.0 + Math.exp(-x)));
  }

  /** tanh through exp (an intrinsic, unlike Math.tanh), accurate to float precision. */
  static float tanh(float x) {
    return (float) (1.0 - 2.0 / (Math.exp(2.0 * x) + 1.0));
  }
}
