package org.tinyseq.spark.training;

import java.io.Serializable;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tinyseq.train.model.BatchGradients;
import org.tinyseq.train.model.Parameters;

/**
 * Gradient averaging: one worker's part of a step's batch. Like model.jar's {@code
 * ParallelGradients}, the batch's rows are cut into contiguous parts and each part's gradient is
 * weighted by its share of the batch's target tokens, so the sum is exactly the gradient of the
 * whole batch's token-mean loss.
 */
final class GradientStep {
  private GradientStep() {}

  /**
   * A sum of weighted part gradients.
   *
   * @param names the parameters the gradients are for, in parameter order
   * @param gradients Σ (part tokens / batch tokens)·part gradient, flattened in {@code names} order
   * @param loss Σ (part tokens / batch tokens)·part loss
   * @param tokens Σ part tokens
   * @param slowestNanos the longest time one worker spent computing
   */
  record Sum(String[] names, float[] gradients, double loss, long tokens, long slowestNanos)
      implements Serializable {
    static final Sum EMPTY = new Sum(null, null, 0, 0, 0);

    Sum plus(Sum o) {
      if (o.gradients == null) {
        return this;
      }
      if (gradients == null) {
        return o;
      }
      return new Sum(
          names,
          FlatArrays.addScaled(gradients, o.gradients, 1f),
          loss + o.loss,
          tokens + o.tokens,
          Math.max(slowestNanos, o.slowestNanos));
    }
  }

  /**
   * @param batchTokens target tokens of the whole batch (all parts)
   */
  static Sum run(WorkerSetup setup, ModelState state, PairBatch part, long batchTokens) {
    long start = System.nanoTime();
    WorkerModels.Model model = WorkerModels.borrow(setup);
    try {
      model.load(state);
      BatchGradients.LossAndGradients lg = model.gradients(part);
      double weight = (double) lg.targetTokens() / batchTokens;
      Parameters p = model.parameters;
      String[] names =
          p.arrays().keySet().stream().filter(lg.gradients()::containsKey).toArray(String[]::new);
      Map<String, INDArray> g = lg.gradients();
      java.util.List<INDArray> ordered = new java.util.ArrayList<>();
      for (String name : names) {
        ordered.add(g.get(name).muli(weight)); // as ParallelGradients weights its parts
      }
      float[] flat = FlatArrays.flatten(ordered);
      return new Sum(names, flat, lg.loss() * weight, lg.targetTokens(), System.nanoTime() - start);
    } finally {
      WorkerModels.giveBack(model);
    }
  }
}
