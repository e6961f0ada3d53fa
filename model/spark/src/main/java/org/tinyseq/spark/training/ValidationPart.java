package org.tinyseq.spark.training;

import java.io.Serializable;
import java.util.List;

/** The validation loss, computed on the executors: each task sums its batches' token losses. */
final class ValidationPart {
  private ValidationPart() {}

  record Sum(double lossSum, long tokens) implements Serializable {
    static final Sum EMPTY = new Sum(0, 0);

    Sum plus(Sum o) {
      return new Sum(lossSum + o.lossSum, tokens + o.tokens);
    }
  }

  static Sum run(WorkerSetup setup, ModelState state, List<PairBatch> batches) {
    if (batches.isEmpty()) {
      return Sum.EMPTY;
    }
    WorkerModels.Model model = WorkerModels.borrow(setup);
    try {
      model.load(state);
      Sum sum = Sum.EMPTY;
      for (PairBatch batch : batches) {
        sum = sum.plus(model.loss(batch));
      }
      return sum;
    } finally {
      WorkerModels.giveBack(model);
    }
  }
}
