package org.tinyseq.train.training;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.serve.text.Vocabulary;
import org.tinyseq.train.model.ModelConfig;
import org.tinyseq.train.model.Parameters;

/**
 * The training loop: seeded initialisation, bucketed batches, Adam, a progress bar (loss,
 * sequences/s, ETA), validation loss after every epoch, early stopping on it, and a checkpoint
 * after every epoch from which {@code resume} continues.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

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
    return train(
        data,
        runIdentity,
        checkpointDir,
        resume,
        (o, config, parameters, d) -> new LocalEpochs(o, progressBar, config, parameters, d));
  }

  /**
   * Trains with epochs computed by {@code runners} (the same initialisation, resume, checkpoints,
   * best-epoch and early-stopping logic as in one process).
   */
  public Result train(
      TrainingData data,
      Map<String, Object> runIdentity,
      Path checkpointDir,
      boolean resume,
      EpochRunner.Factory runners)
      throws IOException {
    Threads.configure(1); // one native thread per gradient worker: see ParallelGradients
    // ND4J arrays live off the Java heap and are freed only when their small Java objects are
    // collected; with little heap pressure the process grew past 9 GB in a 20-minute epoch. A
    // periodic GC (ND4J's own, plus an explicit one every few batches in {@link LocalEpochs}) keeps
    // it flat.
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
    try (EpochRunner runner = runners.open(options, config, parameters, data)) {
      return loop(
          data,
          runIdentity,
          checkpointDir,
          new Progress(history, startEpoch, bestEpoch, bestLoss, best, resumedFrom),
          config,
          parameters,
          optimizer,
          runner);
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
      EpochRunner runner)
      throws IOException {
    List<EpochRecord> history = start.history();
    int startEpoch = start.startEpoch();
    int bestEpoch = start.bestEpoch();
    double bestLoss = start.bestLoss();
    Parameters best = start.best();
    int resumedFrom = start.resumedFrom();
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
      EpochRecord record = runner.run(epoch, parameters, optimizer);
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
}
