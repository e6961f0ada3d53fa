package org.tinyseq.spark.training;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.train.model.GraphFactory;
import org.tinyseq.train.model.ModelConfig;
import org.tinyseq.train.model.Parameters;
import org.tinyseq.train.training.AdamOptimizer;
import org.tinyseq.train.training.Batcher;
import org.tinyseq.train.training.EncodedPair;
import org.tinyseq.train.training.EpochRecord;
import org.tinyseq.train.training.EpochRunner;
import org.tinyseq.train.training.TrainOptions;
import org.tinyseq.train.training.TrainingData;

/**
 * Epochs on a Spark cluster, synchronous and data-parallel. The driver walks the same epoch plan as
 * {@code model.jar train} (same seed, same bucketed batches) and, per round, broadcasts the current
 * values, sends each of the {@link SparkSettings#workers()} tasks its batches and combines the
 * results with {@code treeAggregate}:
 *
 * <ul>
 *   <li>{@link Averaging#GRADIENTS}: one round per batch; the batch is cut into one part per worker
 *       and the driver takes the Adam step on the summed gradient;
 *   <li>{@link Averaging#PARAMETERS}: one round is the plan's next (about) {@code averageEvery}
 *       batches per worker ({@link #rounds}), dealt so that the workers finish together ({@link
 *       RoundDeal}); each worker takes its own Adam steps at the scaled rate ({@link
 *       LearningRateScaling}), then parameters and Adam moments are averaged over the workers that
 *       took steps.
 * </ul>
 *
 * The validation loss is computed on the executors too. The driver keeps the data and sends each
 * round only its batches' pairs, so no executor holds the corpus.
 */
public final class SparkEpochs implements EpochRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SparkEpochs.class);

  private final JavaSparkContext spark;
  private final SparkSettings settings;
  private final TrainOptions options;
  private final WorkerSetup setup;
  private final List<EncodedPair> train;
  private final List<EncodedPair> validation;
  private final Batcher trainBatches;
  private final Batcher validationBatches;
  private final BatchCost batchCost;
  private boolean warm;

  public SparkEpochs(
      JavaSparkContext spark,
      SparkSettings settings,
      TrainOptions options,
      ModelConfig config,
      Parameters parameters,
      TrainingData data) {
    this.spark = spark;
    this.settings = settings;
    this.options = options;
    this.setup =
        new WorkerSetup(
            config,
            options.learningRate() * settings.learningRateFactor(),
            options.clipNorm(),
            options.bucketing(),
            data.maxSourceLength(),
            data.maxTargetSteps());
    this.train = data.train();
    this.validation = data.validation();
    // The driver only plans batches: its graphs are never run.
    GraphFactory graphs = new GraphFactory(config, parameters);
    this.trainBatches = data.trainBatches(options, graphs);
    this.validationBatches = data.validationBatches(options, graphs);
    this.batchCost = new BatchCost(config, trainBatches);
  }

  @Override
  public EpochRecord run(int epoch, Parameters parameters, AdamOptimizer optimizer) {
    warmUp();
    List<int[]> plan = trainBatches.epochPlan(options.seed(), epoch);
    computeNanos = 0;
    taskNanos = 0;
    tasks = 0;
    long start = System.nanoTime();
    double[] lossAndTokens =
        settings.averaging() == Averaging.GRADIENTS
            ? gradientEpoch(epoch, plan, parameters, optimizer)
            : parameterEpoch(epoch, plan, parameters, optimizer);
    double seconds = (System.nanoTime() - start) / 1e9;
    double compute = computeNanos / 1e9;
    LOG.info(
        "epoch {}: {} s of training steps, of which the slowest worker computed {} s{} and the"
            + " rest ({}%) went to broadcast, scheduling and aggregation",
        epoch,
        String.format("%.1f", seconds),
        String.format("%.1f", compute),
        tasks == 0
            ? ""
            : String.format(" (a worker on average %.1f s)", taskNanos / 1e9 / settings.workers()),
        String.format("%.1f", 100 * (seconds - compute) / seconds));
    double trainLoss = lossAndTokens[0] / Math.max(1, lossAndTokens[1]);
    if (!Double.isFinite(trainLoss)) {
      throw new IllegalStateException(
          "training diverged (loss " + trainLoss + "); try a smaller --learning-rate");
    }
    double validationLoss = validationLoss(parameters);
    return new EpochRecord(
        epoch, trainLoss, validationLoss, trainBatches.pairCount() / seconds, seconds);
  }

  /** One round per batch; returns {Σ token losses, Σ tokens}. */
  private double[] gradientEpoch(
      int epoch, List<int[]> plan, Parameters parameters, AdamOptimizer optimizer) {
    double lossSum = 0;
    long tokens = 0;
    int done = 0;
    for (int[] indices : plan) {
      int parts = Math.min(settings.workers(), indices.length);
      List<PairBatch> tasks = new ArrayList<>(parts);
      long batchTokens = 0;
      for (int w = 0; w < parts; w++) {
        // The same contiguous cut as ParallelGradients.
        int[] rows =
            Arrays.copyOfRange(
                indices, w * indices.length / parts, (w + 1) * indices.length / parts);
        tasks.add(PairBatch.of(train, rows));
      }
      for (int i : indices) {
        batchTokens += targetTokens(train.get(i));
      }
      long total = batchTokens;
      GradientStep.Sum sum =
          onWorkers(
              parametersOnly(parameters),
              tasks,
              (s, state, part) -> GradientStep.run(s, state, part, total),
              GradientStep.Sum.EMPTY,
              GradientStep.Sum::plus);
      computeNanos += sum.slowestNanos();
      Map<String, INDArray> gradients =
          FlatArrays.unflatten(parameters.arrays(), sum.names(), sum.gradients());
      optimizer.step(parameters, gradients, epoch - 1);
      lossSum += sum.loss() * sum.tokens();
      tokens += sum.tokens();
      progress(epoch, ++done, plan.size(), lossSum / tokens);
    }
    return new double[] {lossSum, tokens};
  }

  /**
   * Rounds of about {@code averageEvery} batches per worker; returns {Σ token losses, Σ tokens}.
   */
  private double[] parameterEpoch(
      int epoch, List<int[]> plan, Parameters parameters, AdamOptimizer optimizer) {
    int workers = settings.workers();
    int rounds = rounds(plan.size(), workers, settings.averageEvery());
    double lossSum = 0;
    long tokens = 0;
    for (int r = 0; r < rounds; r++) {
      List<int[]> round =
          plan.subList(
              (int) ((long) r * plan.size() / rounds),
              (int) ((long) (r + 1) * plan.size() / rounds));
      List<List<PairBatch>> tasks = new ArrayList<>(workers);
      for (List<int[]> mine : RoundDeal.deal(round, workers, batchCost::of)) {
        List<PairBatch> batches = new ArrayList<>(mine.size());
        for (int[] indices : mine) {
          batches.add(PairBatch.of(train, indices));
        }
        tasks.add(batches);
      }
      ParameterRound.Sum sum =
          onWorkers(
              new ModelState(
                  FlatArrays.flatten(parameters.arrays().values()),
                  FlatArrays.flatten(optimizer.moments().values()),
                  optimizer.iteration()),
              tasks,
              (s, state, batches) -> ParameterRound.run(s, state, batches, epoch),
              ParameterRound.Sum.EMPTY,
              ParameterRound.Sum::plus);
      computeNanos += sum.slowestNanos();
      taskNanos += sum.taskNanos();
      this.tasks += sum.tasks();
      average(sum, parameters, optimizer);
      optimizer.setIteration(optimizer.iteration() + sum.maxSteps());
      lossSum += sum.lossSum();
      tokens += sum.tokens();
      progress(epoch, r + 1, rounds, lossSum / tokens);
    }
    return new double[] {lossSum, tokens};
  }

  /**
   * Rounds in an epoch of {@code batches}: about {@code averageEvery} batches per worker each, the
   * batches spread evenly over them, so that no round is a short tail that costs a whole round's
   * communication for a few batches.
   */
  static int rounds(int batches, int workers, int averageEvery) {
    if (batches == 0) {
      return 0;
    }
    return (int) Math.max(1, Math.round((double) batches / ((long) workers * averageEvery)));
  }

  /** The new parameters and moments: the workers' means. */
  private static void average(
      ParameterRound.Sum sum, Parameters parameters, AdamOptimizer optimizer) {
    float inverse = 1f / sum.workers();
    FlatArrays.scale(sum.parameters(), inverse);
    FlatArrays.scale(sum.moments(), inverse);
    FlatArrays.assign(parameters.arrays().values(), sum.parameters());
    FlatArrays.assign(optimizer.moments().values(), sum.moments());
  }

  /** Token-weighted mean loss over the validation split, on the executors; NaN when empty. */
  private double validationLoss(Parameters parameters) {
    if (validation.isEmpty()) {
      return Double.NaN;
    }
    List<List<PairBatch>> tasks = new ArrayList<>();
    for (int w = 0; w < settings.workers(); w++) {
      tasks.add(new ArrayList<>());
    }
    List<int[]> plan = validationBatches.sequentialPlan();
    for (int b = 0; b < plan.size(); b++) {
      tasks.get(b % settings.workers()).add(PairBatch.of(validation, plan.get(b)));
    }
    ValidationPart.Sum sum =
        onWorkers(
            parametersOnly(parameters),
            tasks,
            ValidationPart::run,
            ValidationPart.Sum.EMPTY,
            ValidationPart.Sum::plus);
    return sum.lossSum() / sum.tokens();
  }

  /** What the workers of one round run: their share, from the broadcast values. */
  @FunctionalInterface
  interface WorkerTask<T, R> extends Serializable {
    R run(WorkerSetup setup, ModelState state, T task) throws Exception;
  }

  /**
   * One round on the executors: broadcasts {@code values}, runs {@code work} on each of {@code
   * tasks} (one Spark task each) and sums the results with {@code treeAggregate}.
   */
  private <T, R> R onWorkers(
      ModelState values, List<T> tasks, WorkerTask<T, R> work, R empty, Function2<R, R, R> plus) {
    Broadcast<ModelState> state = spark.broadcast(values);
    try {
      WorkerSetup s = setup;
      return spark
          .parallelize(tasks, tasks.size())
          .map(task -> work.run(s, state.value(), task))
          .treeAggregate(empty, plus, plus, settings.aggregationDepth());
    } finally {
      state.destroy();
    }
  }

  private static ModelState parametersOnly(Parameters parameters) {
    return new ModelState(FlatArrays.flatten(parameters.arrays().values()), null, 0);
  }

  /** Labels a pair contributes: its target characters and the end marker (as {@link Batcher}). */
  private static long targetTokens(EncodedPair pair) {
    return pair.target().length + 1L;
  }

  /**
   * Builds every worker's model (and, on a cluster, loads ND4J in each executor) before the first
   * epoch, so that epoch's time is training, as later ones are.
   */
  private void warmUp() {
    if (warm) {
      return;
    }
    warm = true;
    long start = System.nanoTime();
    WorkerSetup s = setup;
    List<Integer> tasks = IntStream.range(0, settings.workers()).boxed().toList();
    spark
        .parallelize(tasks, tasks.size())
        .foreach(
            w -> {
              WorkerModels.giveBack(WorkerModels.borrow(s));
            });
    LOG.info(
        "{} workers ready in {} s",
        settings.workers(),
        String.format("%.1f", (System.nanoTime() - start) / 1e9));
  }

  private long lastLog = System.nanoTime();
  private long computeNanos;
  private long taskNanos;
  private int tasks;

  private void progress(int epoch, int round, int rounds, double loss) {
    long now = System.nanoTime();
    if (round == rounds || now - lastLog > 30_000_000_000L) {
      lastLog = now;
      LOG.info(
          "epoch {}/{}: round {}/{}, train loss {}",
          epoch,
          options.epochs(),
          round,
          rounds,
          String.format("%.4f", loss));
    }
  }

  @Override
  public void close() {
    // The Spark context belongs to the command that opened it.
  }
}
