package org.tinyseq.train.training;

import org.nd4j.linalg.factory.Nd4j;

/** Caps ND4J's native threads (OpenMP and BLAS); {@code OMP_NUM_THREADS} works as well. */
public final class Threads {
  private Threads() {}

  public static void configure(int threads) {
    if (threads <= 0) {
      return;
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
  }
}
