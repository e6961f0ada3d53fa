package org.tinyseq.train.training;

import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.tinyseq.train.model.BatchGradients;
import org.tinyseq.train.model.ModelConfig;
import org.tinyseq.train.model.Parameters;

/**
 * Epochs in this process: each batch's gradients from {@link ParallelGradients} ({@code --threads}
 * workers), one Adam step per batch, a progress bar (loss, sequences/s, ETA), then the validation
 * loss.
 */
public final class LocalEpochs implements EpochRunner {
  private static final int GC_EVERY = 10;

  private final TrainOptions options;
  private final boolean progressBar;
  private final ParallelGradients workers;
  private final Batcher trainBatches;
  private final Batcher validationBatches;

  public LocalEpochs(
      TrainOptions options,
      boolean progressBar,
      ModelConfig config,
      Parameters parameters,
      TrainingData data) {
    this.options = options;
    this.progressBar = progressBar;
    this.workers = new ParallelGradients(config, parameters, options.threads());
    this.trainBatches = data.trainBatches(options, workers.graphs());
    this.validationBatches = data.validationBatches(options, workers.graphs());
  }

  @Override
  public EpochRecord run(int epoch, Parameters parameters, AdamOptimizer optimizer) {
    List<int[]> plan = trainBatches.epochPlan(options.seed(), epoch);
    double lossSum = 0;
    long tokens = 0;
    long sequences = 0;
    long nanos = 0;
    ProgressBar bar = progressBar ? bar(epoch, trainBatches.pairCount()) : null;
    int done = 0;
    try {
      for (int[] indices : plan) {
        if (++done % GC_EVERY == 0) {
          System.gc();
        }
        long t0 = System.nanoTime();
        BatchGradients.LossAndGradients lg = workers.gradients(trainBatches, indices);
        optimizer.step(parameters, lg.gradients(), epoch - 1);
        nanos += System.nanoTime() - t0;
        if (!Double.isFinite(lg.loss())) {
          throw new IllegalStateException(
              "training diverged (loss " + lg.loss() + "); try a smaller --learning-rate");
        }
        lossSum += lg.loss() * lg.targetTokens();
        tokens += lg.targetTokens();
        sequences += indices.length;
        if (bar != null) {
          bar.stepBy(indices.length);
          bar.setExtraMessage(
              String.format("loss %.3f, %.1f seq/s", lossSum / tokens, sequences / (nanos / 1e9)));
        }
      }
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    double validation = validationLoss(validationBatches, workers);
    return new EpochRecord(
        epoch, lossSum / Math.max(1, tokens), validation, sequences / (nanos / 1e9), nanos / 1e9);
  }

  /** Token-weighted mean loss over the validation split; NaN when it is empty. */
  static double validationLoss(Batcher batches, ParallelGradients workers) {
    if (batches.pairCount() == 0) {
      return Double.NaN;
    }
    double sum = 0;
    long tokens = 0;
    for (int[] indices : batches.sequentialPlan()) {
      ParallelGradients.LossSum part = workers.loss(batches, indices);
      sum += part.sum();
      tokens += part.tokens();
    }
    return sum / tokens;
  }

  private ProgressBar bar(int epoch, int pairs) {
    return new ProgressBarBuilder()
        .setTaskName(String.format("epoch %d/%d", epoch, options.epochs()))
        .setInitialMax(pairs)
        .setUnit(" seq", 1)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(500)
        .setMaxRenderedLength(120)
        .build();
  }

  @Override
  public void close() {
    workers.close();
  }
}
