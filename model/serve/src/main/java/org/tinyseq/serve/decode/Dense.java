package org.tinyseq.serve.decode;

/**
 * A weight matrix {@code W [in, out]} applied to many batch rows at once: {@code acc[b] += x[b]·W}.
 * With the vector kernels it is a {@link Matrix} (register-tiled, accumulators padded to {@link
 * #accLength}); otherwise rows of {@link Kernels#axpy}. Both accumulate over {@code k = 0..in-1} in
 * order with fused multiply-adds, so they agree bit for bit.
 */
final class Dense {
  final int in;
  final int out;
  private final Matrix vector;
  private final float[][] rows;

  Dense(float[] rowMajor, int in, int out, boolean useVector) {
    this.in = in;
    this.out = out;
    if (useVector) {
      this.vector = Matrix.vector(rowMajor, in, out, null);
      this.rows = null;
    } else {
      this.vector = null;
      this.rows = Kernels.columnBlocks(rowMajor, in, out, Math.max(1, out))[0];
    }
  }

  /** The part {@code [rowFrom, rowTo) × [colFrom, colFrom + width)} of a row-major matrix. */
  static float[] slice(float[] m, int cols, int rowFrom, int rowTo, int colFrom, int width) {
    float[] out = new float[(rowTo - rowFrom) * width];
    for (int r = rowFrom; r < rowTo; r++) {
      System.arraycopy(m, r * cols + colFrom, out, (r - rowFrom) * width, width);
    }
    return out;
  }

  /** Length the accumulators must have: {@code out}, or more for the vector kernel's panels. */
  int accLength() {
    return vector == null ? out : vector.paddedCols();
  }

  /** {@code acc[b][0, out) += x[b][0, in) · W} for the batch rows {@code rows[0, n)}. */
  void multiplyAdd(float[][] x, int[] batchRows, int n, float[][] acc) {
    if (vector != null) {
      vector.multiplyAdd(x, batchRows, n, acc);
      return;
    }
    for (int k = 0; k < in; k++) {
      float[] row = rows[k];
      for (int r = 0; r < n; r++) {
        int b = batchRows[r];
        Kernels.axpy(acc[b], row, x[b][k], out);
      }
    }
  }
}
