package org.tinyseq.serve.decode;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GateFunctions} on the Vector API: the formulas of {@link GateFunctions.Scalar}, with
 * {@link Kernels#exp} computed lane by lane by the very same IEEE operations in the same order, so
 * the results are bit-identical to the scalar loops (tails beyond the last full vector run scalar
 * code).
 *
 * <p>Written as passes over arrays, each a loop whose body calls no method taking or returning a
 * vector: HotSpot then keeps every vector in registers (a vector crossing a call that is not
 * inlined is boxed on the heap, which showed as ~700 KB of garbage per sentence).
 */
final class VectorGateFunctions implements GateFunctions {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  @Override
  public void lstm(float[][] z, float[] h, float[] c, int hidden) {
    float[] zi = z[0];
    float[] zf = z[1];
    float[] zg = z[2];
    float[] zo = z[3];
    activate(zi, hidden, false);
    activate(zf, hidden, false);
    activate(zg, hidden, true);
    activate(zo, hidden, false);
    int j = 0;
    for (; j + L <= hidden; j += L) {
      FloatVector f = FloatVector.fromArray(S, zf, j);
      FloatVector cv = FloatVector.fromArray(S, c, j);
      FloatVector i = FloatVector.fromArray(S, zi, j);
      FloatVector g = FloatVector.fromArray(S, zg, j);
      FloatVector cn = f.mul(cv).add(i.mul(g));
      cn.intoArray(c, j);
      cn.intoArray(zg, j); // g is used up: zg now holds c' for tanh below
    }
    for (; j < hidden; j++) {
      float cn = zf[j] * c[j] + zi[j] * zg[j];
      c[j] = cn;
      zg[j] = cn;
    }
    activate(zg, hidden, true);
    j = 0;
    for (; j + L <= hidden; j += L) {
      FloatVector.fromArray(S, zo, j).mul(FloatVector.fromArray(S, zg, j)).intoArray(h, j);
    }
    for (; j < hidden; j++) {
      h[j] = zo[j] * zg[j];
    }
  }

  @Override
  public void gru(float[][] b, float[][] a, float[] h, int hidden) {
    float[] r = b[0];
    float[] u = b[1];
    float[] n = b[2];
    add(a[0], r, hidden); // r = a_r + b_r
    add(a[1], u, hidden);
    activate(r, hidden, false);
    activate(u, hidden, false);
    int j = 0;
    for (; j + L <= hidden; j += L) {
      FloatVector nv = FloatVector.fromArray(S, n, j);
      FloatVector rv = FloatVector.fromArray(S, r, j);
      FloatVector.fromArray(S, a[2], j).add(rv.mul(nv)).intoArray(n, j); // a_n + r·b_n
    }
    for (; j < hidden; j++) {
      n[j] = a[2][j] + r[j] * n[j];
    }
    activate(n, hidden, true);
    j = 0;
    for (; j + L <= hidden; j += L) {
      FloatVector uv = FloatVector.fromArray(S, u, j);
      FloatVector one = FloatVector.broadcast(S, 1f);
      FloatVector hv = FloatVector.fromArray(S, h, j);
      one.sub(uv).mul(FloatVector.fromArray(S, n, j)).add(uv.mul(hv)).intoArray(h, j);
    }
    for (; j < hidden; j++) {
      h[j] = (1 - u[j]) * n[j] + u[j] * h[j];
    }
  }

  @Override
  public void tanh(float[] v, int len) {
    activate(v, len, true);
  }

  /** {@code dst[j] = src[j] + dst[j]}, the scalar code's {@code a + b}. */
  private static void add(float[] src, float[] dst, int len) {
    int j = 0;
    for (; j + L <= len; j += L) {
      FloatVector.fromArray(S, src, j).add(FloatVector.fromArray(S, dst, j)).intoArray(dst, j);
    }
    for (; j < len; j++) {
      dst[j] = src[j] + dst[j];
    }
  }

  /**
   * In place over {@code v[0, len)}: {@link Kernels#tanh} when {@code tanh}, else {@link
   * Kernels#sigmoid}, with {@link Kernels#exp} spelled out lane by lane.
   */
  private static void activate(float[] v, int len, boolean tanh) {
    float scale = tanh ? 2f : -1f; // exp(2x) for tanh, exp(-x) for the sigmoid (both exact)
    int j = 0;
    for (; j + L <= len; j += L) {
      FloatVector x = FloatVector.fromArray(S, v, j).mul(scale);
      FloatVector xc = x.max(Kernels.EXP_MIN).min(Kernels.EXP_MAX);
      FloatVector t = xc.fma(Kernels.LOG2E, Kernels.ROUNDING);
      FloatVector n = t.sub(Kernels.ROUNDING);
      FloatVector r = n.fma(FloatVector.broadcast(S, -Kernels.LN2_HI), xc);
      r = n.fma(FloatVector.broadcast(S, -Kernels.LN2_LO), r);
      FloatVector p =
          FloatVector.broadcast(S, Kernels.C6).fma(r, FloatVector.broadcast(S, Kernels.C5));
      p = p.fma(r, FloatVector.broadcast(S, Kernels.C4));
      p = p.fma(r, FloatVector.broadcast(S, Kernels.C3));
      p = p.fma(r, FloatVector.broadcast(S, Kernels.C2));
      p = p.fma(r, FloatVector.broadcast(S, 1f));
      p = p.fma(r, FloatVector.broadcast(S, 1f));
      IntVector bits =
          ((IntVector) t.reinterpretAsInts())
              .sub(Kernels.ROUNDING_BITS - 127)
              .lanewise(VectorOperators.LSHL, 23);
      FloatVector e = p.mul(bits.reinterpretAsFloats());
      FloatVector one = FloatVector.broadcast(S, 1f);
      FloatVector out =
          tanh
              ? one.sub(FloatVector.broadcast(S, 2f).div(e.add(1f))) // 1 − 2 / (e^{2x} + 1)
              : one.div(one.add(e)); // 1 / (1 + e^{−x})
      out.intoArray(v, j);
    }
    for (; j < len; j++) {
      v[j] = tanh ? Kernels.tanh(v[j]) : Kernels.sigmoid(v[j]);
    }
  }
}
