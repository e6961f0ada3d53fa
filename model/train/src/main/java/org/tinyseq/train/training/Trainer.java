package org.tinyseq.train.training;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.serve.text.Vocabulary;
import org.tinyseq.train.model.BatchGradients;
import org.tinyseq.train.model.GraphFactory;
import org.tinyseq.train.model.ModelConfig;
import org.tinyseq.train.model.Parameters;

/**
 * The training loop: seeded initialisation, bucketed batches, Adam, a progress bar (loss,
 * sequences/s, ETA), validation loss after every epoch, early stopping on it, and a checkpoint
 * after every epoch from which {@code resume} continues.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final int GC_EVERY = 10;

  private final TrainOptions options;
  private final boolean progressBar;
  private final double maxMinutes;

  /**
   * @param maxMinutes stop before an epoch that would likely end past this much training time
   *     (judged by the previous epoch's duration); 0 = no limit
   */
  public Trainer(TrainOptions options, boolean progressBar, double maxMinutes) {
    this.options = options;
    this.progressBar = progressBar;
    this.maxMinutes = maxMinutes;
  }

  /** The trained model: the best epoch's parameters and the run's history. */
  public record Result(
      ModelConfig config,
      Vocabulary sourceVocabulary,
      Vocabulary targetVocabulary,
      Parameters best,
      int bestEpoch,
      double bestValidationLoss,
      List<EpochRecord> history,
      boolean stoppedEarly,
      int resumedFromEpoch) {

    /** Median training throughput over the epochs of this process. */
    public double medianSequencesPerSecond() {
      double[] v = history.stream().mapToDouble(EpochRecord::sequencesPerSecond).sorted().toArray();
      return v.length == 0 ? Double.NaN : v[v.length / 2];
    }
  }

  /**
   * Trains.
   *
   * @param runIdentity what must match for a checkpoint to be resumed (corpus checksum, options)
   * @param checkpointDir where the checkpoint lives; null = no checkpoints
   * @param resume continue from the checkpoint in {@code checkpointDir} if there is one
   */
  public Result train(
      TrainingData data, Map<String, Object> runIdentity, Path checkpointDir, boolean resume)
      throws IOException {
    Threads.configure(1); // one native thread per gradient worker: see ParallelGradients
    // ND4J arrays live off the Java heap and are freed only when their small Java objects are
    // collected; with little heap pressure the process grew past 9 GB in a 20-minute epoch. A
    // periodic GC (ND4J's own, plus an explicit one every GC_EVERY batches) keeps it flat.
    Nd4j.getMemoryManager().togglePeriodicGc(true);
    Nd4j.getMemoryManager().setAutoGcWindow(5000);
    Checkpoint.State saved = null;
    if (resume && checkpointDir != null && Checkpoint.exists(checkpointDir)) {
      saved = Checkpoint.read(checkpointDir);
      if (!Objects.equals(saved.header().run(), runIdentity)) {
        throw new IllegalArgumentException(
            "the checkpoint in "
                + checkpointDir
                + " belongs to another run (different data or options); "
                + "remove it or train without --resume");
      }
      Vocabulary src = new Vocabulary(saved.header().sourceVocabulary());
      Vocabulary tgt = new Vocabulary(saved.header().targetVocabulary());
      if (!src.tokens().equals(data.sourceVocabulary().tokens())
          || !tgt.tokens().equals(data.targetVocabulary().tokens())) {
        throw new IllegalArgumentException("checkpoint vocabularies differ from the data's");
      }
    }
    ModelConfig config =
        new ModelConfig(
            options.cell(),
            options.sourceTokens(),
            options.latentDim(),
            options.embeddingDim(),
            options.teacherForcing(),
            data.sourceVocabulary().size(),
            data.targetVocabulary().size(),
            data.maxSourceLength(),
            data.maxTargetSteps(),
            options.attention(),
            options.dropout());
    Parameters parameters =
        saved != null ? saved.parameters() : Parameters.initialize(config, options.seed());
    AdamOptimizer optimizer =
        new AdamOptimizer(parameters, options.learningRate(), options.clipNorm());
    List<EpochRecord> history = new ArrayList<>();
    int startEpoch = 1;
    int bestEpoch = 0;
    double bestLoss = Double.POSITIVE_INFINITY;
    Parameters best = parameters.copy();
    if (saved != null) {
      optimizer.read(new DataInputStream(new ByteArrayInputStream(saved.optimizerState())));
      history.addAll(saved.header().history());
      startEpoch = saved.header().epoch() + 1;
      bestEpoch = saved.header().bestEpoch();
      bestLoss = saved.header().bestValidationLoss();
      best = saved.best();
      LOG.info("resuming after epoch {} (best so far: epoch {})", startEpoch - 1, bestEpoch);
    }
    int resumedFrom = startEpoch - 1;
    try (ParallelGradients workers = new ParallelGradients(config, parameters, options.threads())) {
      return loop(
          data,
          runIdentity,
          checkpointDir,
          new Progress(history, startEpoch, bestEpoch, bestLoss, best, resumedFrom),
          config,
          parameters,
          optimizer,
          workers);
    }
  }

  /** Where a run stands when its epoch loop starts (fresh or resumed). */
  private record Progress(
      List<EpochRecord> history,
      int startEpoch,
      int bestEpoch,
      double bestLoss,
      Parameters best,
      int resumedFrom) {}

  private Result loop(
      TrainingData data,
      Map<String, Object> runIdentity,
      Path checkpointDir,
      Progress start,
      ModelConfig config,
      Parameters parameters,
      AdamOptimizer optimizer,
      ParallelGradients workers)
      throws IOException {
    List<EpochRecord> history = start.history();
    int startEpoch = start.startEpoch();
    int bestEpoch = start.bestEpoch();
    double bestLoss = start.bestLoss();
    Parameters best = start.best();
    int resumedFrom = start.resumedFrom();
    GraphFactory graphs = workers.graphs();
    Batcher trainBatches =
        new Batcher(
            data.train(),
            options.batchSize(),
            options.bucketing(),
            data.maxSourceLength(),
            data.maxTargetSteps(),
            graphs);
    Batcher validationBatches =
        new Batcher(
            data.validation(),
            options.batchSize(),
            true,
            data.maxSourceLength(),
            data.maxTargetSteps(),
            graphs);
    boolean stoppedEarly = false;
    double spentSeconds = 0;
    double lastEpochSeconds = 0;
    for (int epoch = startEpoch; epoch <= options.epochs(); epoch++) {
      if (maxMinutes > 0 && spentSeconds + lastEpochSeconds > maxMinutes * 60) {
        LOG.info("time budget of {} minutes used: stopping before epoch {}", maxMinutes, epoch);
        break;
      }
      long epochStart = System.nanoTime();
      if (options.patience() > 0 && epoch - bestEpoch > options.patience() && bestEpoch > 0) {
        stoppedEarly = true;
        break;
      }
      EpochRecord record =
          runEpoch(epoch, trainBatches, validationBatches, workers, parameters, optimizer);
      history.add(record);
      lastEpochSeconds = (System.nanoTime() - epochStart) / 1e9;
      spentSeconds += lastEpochSeconds;
      boolean improved =
          Double.isNaN(record.validationLoss()) ? true : record.validationLoss() < bestLoss;
      if (improved) {
        bestLoss = Double.isNaN(record.validationLoss()) ? bestLoss : record.validationLoss();
        bestEpoch = epoch;
        best = parameters.copy();
      }
      LOG.info(
          "epoch {}/{}: train loss {}, validation loss {}{}, {} seq/s",
          epoch,
          options.epochs(),
          String.format("%.4f", record.trainLoss()),
          String.format("%.4f", record.validationLoss()),
          improved ? " (best)" : "",
          String.format("%.1f", record.sequencesPerSecond()));
      if (checkpointDir != null) {
        Checkpoint.write(
            checkpointDir,
            new Checkpoint.Header(
                runIdentity,
                config.toMap(),
                data.sourceVocabulary().tokens(),
                data.targetVocabulary().tokens(),
                epoch,
                history,
                bestEpoch,
                bestLoss),
            parameters,
            optimizer,
            best);
      }
      if (options.patience() > 0 && epoch - bestEpoch >= options.patience()) {
        stoppedEarly = epoch < options.epochs();
        if (stoppedEarly) {
          LOG.info("early stop: no better validation loss for {} epochs", options.patience());
        }
        break;
      }
    }
    return new Result(
        config,
        data.sourceVocabulary(),
        data.targetVocabulary(),
        best,
        bestEpoch,
        bestLoss,
        history,
        stoppedEarly,
        resumedFrom);
  }

  private EpochRecord runEpoch(
      int epoch,
      Batcher trainBatches,
      Batcher validationBatches,
      ParallelGradients workers,
      Parameters parameters,
      AdamOptimizer optimizer) {
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
}
