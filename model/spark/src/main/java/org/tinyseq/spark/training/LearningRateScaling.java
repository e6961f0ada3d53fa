package org.tinyseq.spark.training;

/**
 * How the workers' learning rate grows with their number under parameter averaging. N workers that
 * each take K steps from the same point and are averaged move the model about as far as one
 * worker's K steps, while one process would have taken N x K steps on the same batches: at the
 * one-process rate an epoch on N workers gets about 1/N of an epoch's progress (the ablation in
 * docs/training-on-spark.md). Scaling the rate by N is the linear scaling rule for N times larger
 * effective batches (Goyal et al., 2017); the square root is the milder rule proposed for Adam
 * (Malladi et al., 2022).
 */
public enum LearningRateScaling {
  NONE,
  SQRT,
  LINEAR;

  /** The factor {@code --learning-rate} is multiplied by on {@code workers} workers. */
  public double factor(int workers) {
    return switch (this) {
      case NONE -> 1;
      case SQRT -> Math.sqrt(workers);
      case LINEAR -> workers;
    };
  }
}
