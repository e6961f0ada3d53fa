package org.tinyseq.serve.decode;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Matrix} on the Vector API: the columns are cut into panels of two vectors (16 floats with
 * AVX2), each panel stored contiguously row after row ({@code [inner, P]}), and a register-tiled
 * kernel keeps the sums of 4 batch rows × 2 vectors in registers over the whole {@code k} loop, so
 * every loaded weight vector feeds 4 fused multiply-adds. A single row runs over 4 panels at once
 * (8 independent sums) to hide the FMA latency. Loaded only when the module is present.
 */
final class VectorMatrix implements Matrix {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int P = 2 * L;

  private final int inner;
  private final int cols;
  private final int panels;
  private final float[] w;
  private final float[] bias;

  VectorMatrix(float[] rowMajor, int inner, int cols, float[] bias) {
    this.inner = inner;
    this.cols = cols;
    this.panels = (cols + P - 1) / P;
    this.w = new float[panels * inner * P];
    for (int p = 0; p < panels; p++) {
      for (int k = 0; k < inner; k++) {
        for (int j = 0; j < P; j++) {
          int c = p * P + j;
          w[(p * inner + k) * P + j] = c < cols ? rowMajor[k * cols + c] : 0f;
        }
      }
    }
    if (bias == null) {
      this.bias = null;
    } else {
      this.bias = new float[panels * P];
      java.util.Arrays.fill(this.bias, Float.NEGATIVE_INFINITY); // padding never wins
      System.arraycopy(bias, 0, this.bias, 0, cols);
    }
  }

  @Override
  public int paddedCols() {
    return panels * P;
  }

  @Override
  public void multiplyAdd(float[][] x, int[] rows, int n, float[][] acc) {
    int grouped = n - n % 4;
    // panels outside: a panel's weights (H·P floats, 16 KB at H 256) stay in L1 for every group
    for (int p = 0; p < panels; p++) {
      for (int r = 0; r < grouped; r += 4) {
        int b0 = rows[r];
        int b1 = rows[r + 1];
        int b2 = rows[r + 2];
        int b3 = rows[r + 3];
        four(x[b0], x[b1], x[b2], x[b3], p, acc[b0], acc[b1], acc[b2], acc[b3], p * P);
      }
    }
    for (int r = grouped; r < n; r++) {
      int b = rows[r];
      int p = 0;
      for (; p + 3 < panels; p += 4) {
        oneByFour(x[b], p, acc[b], p * P);
      }
      for (; p < panels; p++) {
        one(x[b], p, acc[b], p * P);
      }
    }
  }

  /** Four batch rows over one panel; the sums start from and return to {@code a*[c, c+P)}. */
  private void four(
      float[] x0,
      float[] x1,
      float[] x2,
      float[] x3,
      int p,
      float[] a0,
      float[] a1,
      float[] a2,
      float[] a3,
      int c) {
    FloatVector s00 = FloatVector.fromArray(S, a0, c);
    FloatVector s01 = FloatVector.fromArray(S, a0, c + L);
    FloatVector s10 = FloatVector.fromArray(S, a1, c);
    FloatVector s11 = FloatVector.fromArray(S, a1, c + L);
    FloatVector s20 = FloatVector.fromArray(S, a2, c);
    FloatVector s21 = FloatVector.fromArray(S, a2, c + L);
    FloatVector s30 = FloatVector.fromArray(S, a3, c);
    FloatVector s31 = FloatVector.fromArray(S, a3, c + L);
    int o = p * inner * P;
    for (int k = 0; k < inner; k++, o += P) {
      FloatVector w0 = FloatVector.fromArray(S, w, o);
      FloatVector w1 = FloatVector.fromArray(S, w, o + L);
      FloatVector v = FloatVector.broadcast(S, x0[k]);
      s00 = w0.fma(v, s00);
      s01 = w1.fma(v, s01);
      v = FloatVector.broadcast(S, x1[k]);
      s10 = w0.fma(v, s10);
      s11 = w1.fma(v, s11);
      v = FloatVector.broadcast(S, x2[k]);
      s20 = w0.fma(v, s20);
      s21 = w1.fma(v, s21);
      v = FloatVector.broadcast(S, x3[k]);
      s30 = w0.fma(v, s30);
      s31 = w1.fma(v, s31);
    }
    s00.intoArray(a0, c);
    s01.intoArray(a0, c + L);
    s10.intoArray(a1, c);
    s11.intoArray(a1, c + L);
    s20.intoArray(a2, c);
    s21.intoArray(a2, c + L);
    s30.intoArray(a3, c);
    s31.intoArray(a3, c + L);
  }

  /** One batch row over panels {@code p..p+3}; the sums live in {@code a[c, c+4P)}. */
  private void oneByFour(float[] x, int p, float[] a, int c) {
    FloatVector s0 = FloatVector.fromArray(S, a, c);
    FloatVector s1 = FloatVector.fromArray(S, a, c + L);
    FloatVector s2 = FloatVector.fromArray(S, a, c + P);
    FloatVector s3 = FloatVector.fromArray(S, a, c + P + L);
    FloatVector s4 = FloatVector.fromArray(S, a, c + 2 * P);
    FloatVector s5 = FloatVector.fromArray(S, a, c + 2 * P + L);
    FloatVector s6 = FloatVector.fromArray(S, a, c + 3 * P);
    FloatVector s7 = FloatVector.fromArray(S, a, c + 3 * P + L);
    int stride = inner * P;
    int o = p * stride;
    for (int k = 0; k < inner; k++, o += P) {
      FloatVector v = FloatVector.broadcast(S, x[k]);
      s0 = FloatVector.fromArray(S, w, o).fma(v, s0);
      s1 = FloatVector.fromArray(S, w, o + L).fma(v, s1);
      s2 = FloatVector.fromArray(S, w, o + stride).fma(v, s2);
      s3 = FloatVector.fromArray(S, w, o + stride + L).fma(v, s3);
      s4 = FloatVector.fromArray(S, w, o + 2 * stride).fma(v, s4);
      s5 = FloatVector.fromArray(S, w, o + 2 * stride + L).fma(v, s5);
      s6 = FloatVector.fromArray(S, w, o + 3 * stride).fma(v, s6);
      s7 = FloatVector.fromArray(S, w, o + 3 * stride + L).fma(v, s7);
    }
    s0.intoArray(a, c);
    s1.intoArray(a, c + L);
    s2.intoArray(a, c + P);
    s3.intoArray(a, c + P + L);
    s4.intoArray(a, c + 2 * P);
    s5.intoArray(a, c + 2 * P + L);
    s6.intoArray(a, c + 3 * P);
    s7.intoArray(a, c + 3 * P + L);
  }

  private void one(float[] x, int p, float[] a, int c) {
    FloatVector s0 = FloatVector.fromArray(S, a, c);
    FloatVector s1 = FloatVector.fromArray(S, a, c + L);
    int o = p * inner * P;
    for (int k = 0; k < inner; k++, o += P) {
      FloatVector v = FloatVector.broadcast(S, x[k]);
      s0 = FloatVector.fromArray(S, w, o).fma(v, s0);
      s1 = FloatVector.fromArray(S, w, o + L).fma(v, s1);
    }
    s0.intoArray(a, c);
    s1.intoArray(a, c + L);
  }

  @Override
  public void argmax(
      float[][] x, int[] rows, int n, float[] best, int[] bestId, float[][] scratch) {
    for (int r = 0; r < n; r++) {
      best[rows[r]] = Float.NEGATIVE_INFINITY;
      bestId[rows[r]] = 0;
    }
    int grouped = n - n % 4;
    for (int p = 0; p < panels; p++) {
      for (int r = 0; r < grouped; r += 4) {
        int b0 = rows[r];
        int b1 = rows[r + 1];
        int b2 = rows[r + 2];
        int b3 = rows[r + 3];
        for (int i = 0; i < 4; i++) {
          System.arraycopy(bias, p * P, scratch[rows[r + i]], 0, P);
        }
        four(x[b0], x[b1], x[b2], x[b3], p, scratch[b0], scratch[b1], scratch[b2], scratch[b3], 0);
        for (int i = 0; i < 4; i++) {
          keepBest(scratch[rows[r + i]], P, p * P, rows[r + i], best, bestId);
        }
      }
    }
    int r = grouped;
    for (; r < n; r++) {
      int b = rows[r];
      int p = 0;
      for (; p + 3 < panels; p += 4) {
        System.arraycopy(bias, p * P, scratch[b], 0, 4 * P);
        oneByFour(x[b], p, scratch[b], 0);
        keepBest(scratch[b], 4 * P, p * P, b, best, bestId);
      }
      for (; p < panels; p++) {
        System.arraycopy(bias, p * P, scratch[b], 0, P);
        one(x[b], p, scratch[b], 0);
        keepBest(scratch[b], P, p * P, b, best, bestId);
      }
    }
  }

  private static void keepBest(float[] s, int len, int c0, int b, float[] best, int[] bestId) {
    float m = best[b];
    int id = bestId[b];
    for (int j = 0; j < len; j++) {
      if (s[j] > m) {
        m = s[j];
        id = c0 + j;
      }
    }
    best[b] = m;
    bestId[b] = id;
  }
}
