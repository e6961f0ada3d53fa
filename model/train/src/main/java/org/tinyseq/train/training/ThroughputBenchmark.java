package org.tinyseq.train.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.train.model.Batch;
import org.tinyseq.train.model.GraphFactory;
import org.tinyseq.train.model.ModelConfig;
import org.tinyseq.train.model.Parameters;

/**
 * Training throughput of several configurations measured side by side in one process: the
 * configurations take turns batch by batch (A, B, A, B, ...), so that load from other processes on
 * the machine hits them alike. A step is what training does per batch: build the arrays, forward,
 * backward, Adam update.
 */
public final class ThroughputBenchmark {
  private ThroughputBenchmark() {}

  /** One configuration under test. */
  public record Setup(
      String name, TrainingData data, TrainOptions options, int maxSource, int maxTarget) {}

  /** Per-configuration result. */
  public record Result(
      String name,
      ModelConfig config,
      double medianSequencesPerSecond,
      double meanSequencesPerSecond,
      double[] perBatch,
      double meanBatchSourceSteps,
      double meanBatchTargetSteps) {

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("model", config.toMap());
      m.put("medianSequencesPerSecond", round(medianSequencesPerSecond));
      m.put("meanSequencesPerSecond", round(meanSequencesPerSecond));
      m.put("meanPaddedSourceSteps", round(meanBatchSourceSteps));
      m.put("meanPaddedTargetSteps", round(meanBatchTargetSteps));
      m.put("batches", perBatch.length);
      return m;
    }
  }

  private static final class Runner {
    final Setup setup;
    final ModelConfig config;
    final Parameters parameters;
    final GraphFactory graphs;
    final AdamOptimizer optimizer;
    final Batcher batcher;
    final List<int[]> plan;
    int next;
    final List<Double> rates = new ArrayList<>();
    double sourceSteps;
    double targetSteps;

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
              s.maxTarget());
      parameters = Parameters.initialize(config, o.seed());
      graphs = new GraphFactory(config, parameters);
      optimizer = new AdamOptimizer(parameters, o.learningRate(), o.clipNorm());
      batcher =
          new Batcher(
              s.data().train(), o.batchSize(), o.bucketing(), s.maxSource(), s.maxTarget(), graphs);
      plan = batcher.epochPlan(o.seed(), 1);
    }

    void step(boolean record) {
      int[] indices = plan.get(next++ % plan.size());
      if (indices.length < setup.options().batchSize()) {
        indices = plan.get(next++ % plan.size()); // keep to full batches
      }
      long t0 = System.nanoTime();
      Batch batch = batcher.batch(indices);
      var lg = graphs.graphFor(batch).gradients(batch);
      optimizer.step(parameters, lg.gradients(), 0);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (record) {
        rates.add(batch.size() / seconds);
        sourceSteps += batch.sourceSteps();
        targetSteps += batch.targetSteps();
      }
    }

    Result result() {
      double[] r = rates.stream().mapToDouble(Double::doubleValue).toArray();
      double[] sorted = r.clone();
      Arrays.sort(sorted);
      double median =
          sorted.length % 2 == 1
              ? sorted[sorted.length / 2]
              : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
      return new Result(
          setup.name(),
          config,
          median,
          Arrays.stream(r).average().orElse(Double.NaN),
          r,
          sourceSteps / r.length,
          targetSteps / r.length);
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
