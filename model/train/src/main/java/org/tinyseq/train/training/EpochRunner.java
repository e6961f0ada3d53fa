package org.tinyseq.train.training;

import org.tinyseq.train.model.ModelConfig;
import org.tinyseq.train.model.Parameters;

/**
 * How a run computes one epoch: {@link Trainer} keeps everything around it (initialisation, resume,
 * checkpoints, best epoch, early stopping), a runner does the steps. {@link LocalEpochs} computes
 * them in this process; model/spark's runner on a Spark cluster.
 */
public interface EpochRunner extends AutoCloseable {

  /**
   * Trains one epoch: updates {@code parameters} and {@code optimizer} in place, then measures the
   * validation loss.
   *
   * @param epoch 1-based; with the seed it fixes the epoch's batch order ({@link
   *     Batcher#epochPlan})
   */
  EpochRecord run(int epoch, Parameters parameters, AdamOptimizer optimizer);

  @Override
  void close();

  /** Opens a runner for one run. */
  @FunctionalInterface
  interface Factory {
    /**
     * @param parameters the run's live parameters (the runner may keep a reference: they are the
     *     ones passed to {@link #run})
     */
    EpochRunner open(
        TrainOptions options, ModelConfig config, Parameters parameters, TrainingData data);
  }
}
