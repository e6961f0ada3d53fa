package org.tinyseq.train.training;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Caps ND4J's native threads (OpenMP and BLAS); {@code OMP_NUM_THREADS} works as well.
 *
 * <p>OpenMP's thread count is a setting of the calling thread: a Java thread that never calls
 * {@link #configure} gets the process default (every core), and libgomp's idle team threads spin.
 * Measured on the 2-core machine: {@code model.jar train --threads 1} used 163% CPU with the team
 * at its default and 127% with one thread, at the same speed. So every thread that computes calls
 * this.
 */
public final class Threads {
  private Threads() {}

  public static void configure(int threads) {
    if (threads <= 0) {
      return;
    }
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
  }
}
