package org.tinyseq.train.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.train.model.ModelConfig;
import org.tinyseq.train.model.Parameters;

/**
 * Training throughput of several configurations measured side by side in one process: the
 * configurations take turns batch by batch (A, B, A, B, ...), so that load from other processes on
 * the machine hits them alike. A step is what training does per batch: build the arrays, forward,
 * backward (on {@link TrainOptions#threads} workers), Adam update. Each configuration walks its own
 * epoch plan from the start, partial batches included, so its figure is what an epoch sees.
 */
public final class ThroughputBenchmark {
  private ThroughputBenchmark() {}

  /**
   * One configuration under test.
   *
   * @param unmaskedSourcePadding the encoder reads source padding as input (the Keras example)
   * @param libraryLstm compute with ND4J's own LSTM op instead of the project's backprop
   */
  public record Setup(
      String name,
      TrainingData data,
      TrainOptions options,
      int maxSource,
      int maxTarget,
      boolean unmaskedSourcePadding,
      boolean libraryLstm) {}

  /** Per-configuration result. */
  public record Result(
      Setup setup,
      ModelConfig config,
      double sequencesPerSecond,
      double medianBatchSequencesPerSecond,
      double[] perBatch,
      double meanBatchSourceSteps,
      double meanBatchTargetSteps) {

    public String name() {
      return setup.name();
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name());
      m.put("model", config.toMap());
      m.put("batchSize", batchSize());
      m.put("workers", workers());
      m.put("sequencesPerSecond", round(sequencesPerSecond));
      m.put("medianBatchSequencesPerSecond", round(medianBatchSequencesPerSecond));
      m.put("meanPaddedSourceSteps", round(meanBatchSourceSteps));
      m.put("meanPaddedTargetSteps", round(meanBatchTargetSteps));
      m.put("timedFullBatches", perBatch.length);
      return m;
    }

    public int batchSize() {
      return setup.options().batchSize();
    }

    public int workers() {
      return setup.options().threads();
    }
  }

  private static final class Runner {
    final Setup setup;
    final ModelConfig config;
    final Parameters parameters;
    final ParallelGradients workers;
    final AdamOptimizer optimizer;
    final Batcher batcher;
    final List<int[]> plan;
    int next;
    final List<Double> rates = new ArrayList<>();
    long sequences;
    long nanos;
    double sourceSteps;
    double targetSteps;
    int stepsCounted;

    Runner(Setup s) {
      setup = s;
      TrainOptions o = s.options();
      config =
          new ModelConfig(
              o.cell(),
              o.sourceTokens(),
              o.latentDim(),
              o.embeddingDim(),
              o.teacherForcing(),
              s.data().sourceVocabulary().size(),
              s.data().targetVocabulary().size(),
              s.maxSource(),
              s.maxTarget(),
              o.attention(),
              o.dropout());
      parameters = Parameters.initialize(config, o.seed());
      workers = new ParallelGradients(config, parameters, o.threads(), s.libraryLstm());
      optimizer = new AdamOptimizer(parameters, o.learningRate(), o.clipNorm());
      Batcher b =
          new Batcher(
              s.data().train(),
              o.batchSize(),
              o.bucketing(),
              s.maxSource(),
              s.maxTarget(),
              workers.graphs());
      batcher = s.unmaskedSourcePadding() ? b.withUnmaskedSourcePadding() : b;
      plan = batcher.epochPlan(o.seed(), 1);
    }

    void step(boolean record) {
      int[] indices = plan.get(next++ % plan.size());
      long t0 = System.nanoTime();
      var lg = workers.gradients(batcher, indices);
      optimizer.step(parameters, lg.gradients(), 0);
      long spent = System.nanoTime() - t0;
      if (record) {
        sequences += indices.length;
        nanos += spent;
        if (indices.length == setup.options().batchSize()) {
          rates.add(indices.length / (spent / 1e9));
        }
        int[] steps = batcher.paddedSteps(indices);
        sourceSteps += steps[0];
        targetSteps += steps[1];
        stepsCounted++;
      }
    }

    Result result() {
      double[] r = rates.stream().mapToDouble(Double::doubleValue).toArray();
      double[] sorted = r.clone();
      Arrays.sort(sorted);
      double median =
          sorted.length == 0
              ? Double.NaN
              : sorted.length % 2 == 1
                  ? sorted[sorted.length / 2]
                  : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      workers.close();
      return new Result(
          setup,
          config,
          sequences / (nanos / 1e9),
          median,
          r,
          sourceSteps / stepsCounted,
          targetSteps / stepsCounted);
    }
  }

  /**
   * Runs {@code warmup} unrecorded and {@code batches} recorded steps of each setup, alternating.
   */
  public static List<Result> run(List<Setup> setups, int warmup, int batches, Runnable tick) {
    List<Runner> runners = setups.stream().map(Runner::new).toList();
    for (int i = 0; i < warmup + batches; i++) {
      for (Runner r : runners) {
        r.step(i >= warmup);
        if (tick != null) {
          tick.run();
        }
      }
    }
    return runners.stream().map(Runner::result).toList();
  }

  static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
