package org.tinyseq.spark.training;

import java.io.Serializable;
import java.util.List;
import org.tinyseq.train.model.BatchGradients;

/**
 * Parameter averaging: one worker's share of a round. It starts from the broadcast parameters and
 * Adam state, takes one Adam step per batch (as {@code model.jar train} does), and returns its
 * parameters and Adam state; the driver divides the sum over the workers by their number.
 */
final class ParameterRound {
  private ParameterRound() {}

  /**
   * A sum of workers' results.
   *
   * @param parameters Σ parameters (null while empty)
   * @param moments Σ Adam moments
   * @param workers workers that took steps
   * @param maxSteps the most steps one worker took (the Adam step count advances by it)
   * @param lossSum Σ token losses of the training batches (at each worker's own parameters)
   * @param tokens Σ target tokens
   * @param sequences Σ pairs
   * @param slowestNanos the longest time one worker spent computing (the rest of a round's wall
   *     time is communication and scheduling)
   * @param tasks tasks that took steps
   * @param taskNanos Σ their computing times (against the slowest: how evenly a round was dealt)
   */
  record Sum(
      float[] parameters,
      float[] moments,
      int workers,
      int maxSteps,
      double lossSum,
      long tokens,
      long sequences,
      long slowestNanos,
      int tasks,
      long taskNanos)
      implements Serializable {
    static final Sum EMPTY = new Sum(null, null, 0, 0, 0, 0, 0, 0, 0, 0);

    Sum plus(Sum o) {
      if (o.workers == 0) {
        return new Sum(
            parameters,
            moments,
            workers,
            Math.max(maxSteps, o.maxSteps),
            lossSum,
            tokens,
            sequences,
            Math.max(slowestNanos, o.slowestNanos),
            tasks,
            taskNanos);
      }
      if (workers == 0) {
        return o;
      }
      return new Sum(
          FlatArrays.addScaled(parameters, o.parameters, 1f),
          FlatArrays.addScaled(moments, o.moments, 1f),
          workers + o.workers,
          Math.max(maxSteps, o.maxSteps),
          lossSum + o.lossSum,
          tokens + o.tokens,
          sequences + o.sequences,
          Math.max(slowestNanos, o.slowestNanos),
          tasks + o.tasks,
          taskNanos + o.taskNanos);
    }
  }

  /** Runs {@code batches} from {@code state}; {@code epoch} is 1-based. */
  static Sum run(WorkerSetup setup, ModelState state, List<PairBatch> batches, int epoch) {
    if (batches.isEmpty()) {
      return Sum.EMPTY;
    }
    long start = System.nanoTime();
    WorkerModels.Model model = WorkerModels.borrow(setup);
    try {
      model.load(state);
      double lossSum = 0;
      long tokens = 0;
      long sequences = 0;
      for (PairBatch batch : batches) {
        BatchGradients.LossAndGradients lg = model.gradients(batch);
        if (!Double.isFinite(lg.loss())) {
          throw new IllegalStateException(
              "training diverged (loss " + lg.loss() + "); try a smaller --learning-rate");
        }
        model.optimizer.step(model.parameters, lg.gradients(), epoch - 1);
        lossSum += lg.loss() * lg.targetTokens();
        tokens += lg.targetTokens();
        sequences += batch.size();
      }
      int steps = batches.size();
      float[] parameters = FlatArrays.flatten(model.parameters.arrays().values());
      float[] moments = FlatArrays.flatten(model.optimizer.moments().values());
      FlatArrays.scale(parameters, steps);
      FlatArrays.scale(moments, steps);
      long nanos = System.nanoTime() - start;
      return new Sum(
          parameters, moments, steps, steps, lossSum, tokens, sequences, nanos, 1, nanos);
    } finally {
      WorkerModels.giveBack(model);
    }
  }
}
