package org.tinyseq.spark.training;

/** How workers' results are combined (docs/training-on-spark.md, "Averaging"). */
public enum Averaging {
  /**
   * Every step: each worker computes the gradient of its part of the step's batch, the driver sums
   * them and takes one Adam step. The same arithmetic as one process with as many threads.
   */
  GRADIENTS,
  /**
   * Every K steps: each worker takes K Adam steps on its own batches from the broadcast parameters
   * and Adam state, then both are averaged (DL4J's ParameterAveragingTrainingMaster's scheme).
   */
  PARAMETERS
}
