package org.tinyseq.serve.decode;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link GateFunctions} on the Vector API: the gate functions of {@link GateFunctions.Scalar} with
 * {@link Kernels#exp} computed lane by lane by the very same IEEE operations, so the results are
 * bit-identical to the scalar loops; the tail beyond the last full vector runs those loops.
 */
final class VectorGateFunctions implements GateFunctions {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
  private static final FloatVector C2 = FloatVector.broadcast(S, Kernels.C2);
  private static final FloatVector C3 = FloatVector.broadcast(S, Kernels.C3);
  private static final FloatVector C4 = FloatVector.broadcast(S, Kernels.C4);
  private static final FloatVector C5 = FloatVector.broadcast(S, Kernels.C5);
  private static final FloatVector C6 = FloatVector.broadcast(S, Kernels.C6);
  private static final FloatVector NEG_LN2_HI = FloatVector.broadcast(S, -Kernels.LN2_HI);
  private static final FloatVector NEG_LN2_LO = FloatVector.broadcast(S, -Kernels.LN2_LO);

  static FloatVector exp(FloatVector x) {
    FloatVector xc = x.max(Kernels.EXP_MIN).min(Kernels.EXP_MAX);
    FloatVector t = xc.fma(Kernels.LOG2E, Kernels.ROUNDING);
    FloatVector n = t.sub(Kernels.ROUNDING);
    FloatVector r = n.fma(NEG_LN2_HI, xc);
    r = n.fma(NEG_LN2_LO, r);
    FloatVector p = C6.fma(r, C5);
    p = p.fma(r, C4);
    p = p.fma(r, C3);
    p = p.fma(r, C2);
    p = p.fma(r, ONE);
    p = p.fma(r, ONE);
    IntVector bits =
        ((IntVector) t.reinterpretAsInts())
            .sub(Kernels.ROUNDING_BITS - 127)
            .lanewise(VectorOperators.LSHL, 23);
    return p.mul(bits.reinterpretAsFloats());
  }

  private static FloatVector sigmoid(FloatVector x) {
    return ONE.div(exp(x.neg()).add(1f));
  }

  private static FloatVector tanh(FloatVector x) {
    return ONE.sub(FloatVector.broadcast(S, 2f).div(exp(x.mul(2f)).add(1f)));
  }

  @Override
  public void lstm(float[][] z, float[] h, float[] c, int hidden) {
    float[] zi = z[0];
    float[] zf = z[1];
    float[] zg = z[2];
    float[] zo = z[3];
    int j = 0;
    for (; j + L <= hidden; j += L) {
      FloatVector i = sigmoid(FloatVector.fromArray(S, zi, j));
      FloatVector f = sigmoid(FloatVector.fromArray(S, zf, j));
      FloatVector g = tanh(FloatVector.fromArray(S, zg, j));
      FloatVector o = sigmoid(FloatVector.fromArray(S, zo, j));
      FloatVector cn = f.mul(FloatVector.fromArray(S, c, j)).add(i.mul(g));
      cn.intoArray(c, j);
      o.mul(tanh(cn)).intoArray(h, j);
    }
    GateFunctions.Scalar.lstmRange(z, h, c, j, hidden);
  }

  @Override
  public void gru(float[][] b, float[][] a, float[] h, int hidden) {
    int j = 0;
    for (; j + L <= hidden; j += L) {
      FloatVector r =
          sigmoid(FloatVector.fromArray(S, a[0], j).add(FloatVector.fromArray(S, b[0], j)));
      FloatVector u =
          sigmoid(FloatVector.fromArray(S, a[1], j).add(FloatVector.fromArray(S, b[1], j)));
      FloatVector n =
          tanh(FloatVector.fromArray(S, a[2], j).add(r.mul(FloatVector.fromArray(S, b[2], j))));
      FloatVector hv = FloatVector.fromArray(S, h, j);
      ONE.sub(u).mul(n).add(u.mul(hv)).intoArray(h, j); // (1 − u)·n + u·h
    }
    GateFunctions.Scalar.gruRange(b, a, h, j, hidden);
  }
}
