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

  // exp(x) = 2^n · e^r with n = round(x·log2 e), r = x − n·ln 2 (two-part ln 2), e^r by a degree-6
  // Taylor polynomial (|r| <= ln2/2: error ~1e-7 relative, about 1 ulp). Only IEEE add, mul, fma
  // and bit operations: the Vector API version (VectorGateFunctions) performs the same operations
  // lane by lane, so both give identical bits in every JIT tier (the intrinsic SIMD exp would not).
  static final float EXP_MIN = -87f;
  static final float EXP_MAX = 88f;
  static final float LOG2E = 1.44269504f;
  static final float ROUNDING = 12582912f; // 1.5·2^23: adding it rounds to an integer
  static final int ROUNDING_BITS = 0x4B400000;
  static final float LN2_HI = 0.693145751953125f;
  static final float LN2_LO = 1.42860677e-6f;
  static final float C2 = 1f / 2;
  static final float C3 = 1f / 6;
  static final float C4 = 1f / 24;
  static final float C5 = 1f / 120;
  static final float C6 = 1f / 720;

  static float exp(float x) {
    float xc = Math.min(Math.max(x, EXP_MIN), EXP_MAX);
    float t = Math.fma(xc, LOG2E, ROUNDING);
    float n = t - ROUNDING;
    float r = Math.fma(n, -LN2_HI, xc);
    r = Math.fma(n, -LN2_LO, r);
    float p = Math.fma(C6, r, C5);
    p = Math.fma(p, r, C4);
    p = Math.fma(p, r, C3);
    p = Math.fma(p, r, C2);
    p = Math.fma(p, r, 1f);
    p = Math.fma(p, r, 1f);
    return p * Float.intBitsToFloat((Float.floatToRawIntBits(t) - ROUNDING_BITS + 127) << 23);
  }

  static float sigmoid(float x) {
    return 1f / (1f + exp(-x));
  }

  static float tanh(float x) {
    return 1f - 2f / (exp(2f * x) + 1f);
  }
}
