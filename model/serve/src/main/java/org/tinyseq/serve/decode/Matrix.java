package org.tinyseq.serve.decode;

/**
 * A weight matrix {@code W [inner, cols]} laid out for an explicitly vectorised kernel ({@link
 * VectorMatrix}, on the Vector API). Every column is accumulated over {@code k = 0..inner-1} in
 * order with fused multiply-adds, exactly as the scalar loops of {@link Kernels} do, so both give
 * bit-identical results.
 */
interface Matrix {
  /** Scratch floats per batch row that {@link #argmax} needs (four panels of 512-bit vectors). */
  int SCRATCH = 128;

  /** Columns rounded up to the kernel's panel width: the length accumulators must have. */
  int paddedCols();

  /** {@code acc[b][0, cols) += x[b] · W} for the batch rows {@code rows[0, n)}. */
  void multiplyAdd(float[][] x, int[] rows, int n, float[][] acc);

  /**
   * For the batch rows {@code rows[0, n)}: {@code bestId[b]} = the argmax over columns of {@code
   * x[b]·W + bias} (lowest index on ties), {@code best[b]} = that value. {@code scratch[b]} holds
   * at least {@link #SCRATCH} floats.
   */
  void argmax(float[][] x, int[] rows, int n, float[] best, int[] bestId, float[][] scratch);

  /** The Vector API implementation when the {@code jdk.incubator.vector} module is present. */
  static Matrix vector(float[] rowMajor, int inner, int cols, float[] bias) {
    try {
      return (Matrix)
          Class.forName("org.tinyseq.serve.decode.VectorMatrix")
              .getDeclaredConstructor(float[].class, int.class, int.class, float[].class)
              .newInstance(rowMajor, inner, cols, bias);
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalStateException("Vector API kernel unavailable", e);
    }
  }

  /**
   * True when the Vector API kernels are used: the JVM was started with {@code --add-modules
   * jdk.incubator.vector} and {@code -Dtinyseq.decoder.vector=false} was not given.
   */
  static boolean vectorAvailable() {
    return VectorSupport.AVAILABLE;
  }

  /** Decided once per JVM; the reason for scalar loops is logged once, when it is decided. */
  final class VectorSupport {
    static final String PROPERTY = "tinyseq.decoder.vector";
    static final boolean AVAILABLE;

    static {
      String reason =
          fallbackReason(
              System.getProperty(PROPERTY, "true"),
              ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
              VectorSupport::probe);
      AVAILABLE = reason == null;
      if (reason != null) {
        org.slf4j.LoggerFactory.getLogger(Matrix.class)
            .info("Decoder uses scalar loops, not the Vector API kernels: {}", reason);
      }
    }

    private VectorSupport() {}

    /**
     * Why the scalar loops serve, or null when the Vector API kernels can: {@code property} is the
     * value of {@value #PROPERTY}, {@code probe} builds one vector kernel (a failure is the
     * reason).
     */
    static String fallbackReason(
        String property, boolean modulePresent, java.util.function.Supplier<Throwable> probe) {
      if (!Boolean.parseBoolean(property)) {
        return "-D" + PROPERTY + "=" + property + " turns them off";
      }
      if (!modulePresent) {
        return "the JVM was started without --add-modules jdk.incubator.vector";
      }
      Throwable failure = probe.get();
      return failure == null ? null : "the Vector API failed to start (" + failure + ")";
    }

    private static Throwable probe() {
      try {
        vector(new float[] {1}, 1, 1, null);
        return null;
      } catch (RuntimeException | LinkageError e) {
        return e.getCause() != null ? e.getCause() : e;
      }
    }
  }
}
