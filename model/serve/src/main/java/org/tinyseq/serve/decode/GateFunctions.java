package org.tinyseq.serve.decode;

/**
 * The element-wise part of a step: gate non-linearities and the state update. {@link #SCALAR} runs
 * plain loops; the Vector API version ({@code VectorGateFunctions}, used with the vector kernels)
 * runs the same operations on whole vectors. Both compute exp with {@link Kernels#exp}, so their
 * results are bit-identical.
 */
interface GateFunctions {
  /** LSTM: {@code z} = pre-activations of gates i, f, g, o; updates {@code c} and {@code h}. */
  void lstm(float[][] z, float[] h, float[] c, int hidden);

  /**
   * GRU (reset after): {@code b} = h·recurrent_kernel + recurrent_bias, {@code a} = x·kernel +
   * bias, gates r, z, n; updates {@code h}.
   */
  void gru(float[][] b, float[][] a, float[] h, int hidden);

  /** {@code v[j] = tanh(v[j])} for {@code j < len}, with {@link Kernels#tanh}. */
  void tanh(float[] v, int len);

  GateFunctions SCALAR = new Scalar();

  /** The Vector API version (the module must be present: see {@link Matrix#vectorAvailable}). */
  static GateFunctions vector() {
    try {
      return (GateFunctions)
          Class.forName("org.tinyseq.serve.decode.VectorGateFunctions")
              .getDeclaredConstructor()
              .newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("Vector API gate functions unavailable", e);
    }
  }

  /** Plain loops; sigmoid and tanh through {@link Kernels#exp}. */
  final class Scalar implements GateFunctions {
    @Override
    public void lstm(float[][] z, float[] h, float[] c, int hidden) {
      lstmRange(z, h, c, 0, hidden);
    }

    @Override
    public void gru(float[][] b, float[][] a, float[] h, int hidden) {
      gruRange(b, a, h, 0, hidden);
    }

    @Override
    public void tanh(float[] v, int len) {
      for (int j = 0; j < len; j++) {
        v[j] = Kernels.tanh(v[j]);
      }
    }

    static void lstmRange(float[][] z, float[] h, float[] c, int from, int to) {
      float[] zi = z[0];
      float[] zf = z[1];
      float[] zg = z[2];
      float[] zo = z[3];
      for (int j = from; j < to; j++) {
        float cn = Kernels.sigmoid(zf[j]) * c[j] + Kernels.sigmoid(zi[j]) * Kernels.tanh(zg[j]);
        c[j] = cn;
        h[j] = Kernels.sigmoid(zo[j]) * Kernels.tanh(cn);
      }
    }

    static void gruRange(float[][] b, float[][] a, float[] h, int from, int to) {
      for (int j = from; j < to; j++) {
        float r = Kernels.sigmoid(a[0][j] + b[0][j]);
        float u = Kernels.sigmoid(a[1][j] + b[1][j]);
        float nn = Kernels.tanh(a[2][j] + r * b[2][j]);
        h[j] = (1 - u) * nn + u * h[j];
      }
    }
  }
}
