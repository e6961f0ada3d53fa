package org.tinyseq.spark.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.spark.TinyPairs;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.training.TrainOptions;
import org.tinyseq.train.training.Trainer;
import org.tinyseq.train.training.TrainingData;

/**
 * On {@code local[2]}, gradient averaging every step walks the same batches as one process with two
 * gradient threads and ends with the same parameters; parameter averaging trains as well.
 */
class GradientAveragingTest {
  /**
   * Largest allowed difference of any parameter after training. Both runs do the same float32
   * operations in the same order (each part weighted by its token share, then two parts summed, and
   * a sum of two floats does not depend on their order), so they agree exactly when ND4J's kernels
   * are deterministic on one thread, as they are here. The bound leaves room for a kernel that
   * reorders a reduction (a few ulp, ~1e-7 relative, per step), carried through Adam over the run's
   * steps: parameters here are below 10 in magnitude, so 1e-4 is still 1,000 times smaller than one
   * Adam step of learning rate 0.02 would move them apart.
   */
  static final double TOLERANCE = 1e-4;

  static JavaSparkContext spark;

  @BeforeAll
  static void start() {
    spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("test"));
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  static TrainOptions options(int epochs) {
    return options(epochs, 2);
  }

  static TrainOptions options(int epochs, int threads) {
    return new TrainOptions(
            ModelKind.TRANSLATE,
            Cell.LSTM,
            TokenUnit.WORD,
            32,
            8,
            true,
            8,
            epochs,
            0.02,
            5.0,
            1,
            0,
            1,
            0,
            0,
            true,
            7,
            threads)
        .withAttention(Attention.LUONG, 0.1);
  }

  static TrainingData data(TrainOptions options) {
    return TrainingData.of(
        DataPipeline.prepare(TinyPairs.pairs(), new DataOptions(1, 0.2, true, 60, 40)), options);
  }

  @Test
  void gradientAveragingEqualsOneProcessWithAsManyThreads() throws Exception {
    TrainOptions options = options(3);
    TrainingData data = data(options);
    Trainer.Result local = new Trainer(options, false, 0).train(data, Map.of(), null, false);
    Trainer.Result distributed =
        onSpark(options, data, settings(2, Averaging.GRADIENTS, 1, LearningRateScaling.NONE));

    double worst = largestDifference(local, distributed);
    assertTrue(worst <= TOLERANCE, "largest parameter difference " + worst);
    for (int i = 0; i < 3; i++) {
      assertEquals(
          local.history().get(i).validationLoss(),
          distributed.history().get(i).validationLoss(),
          1e-4);
      assertEquals(
          local.history().get(i).trainLoss(), distributed.history().get(i).trainLoss(), 1e-4);
    }
    System.err.println("gradient averaging vs one process: largest difference " + worst);
  }

  /**
   * With one worker, parameter averaging is one process taking its steps in K-step pieces: the
   * parameters, Adam moments and step count cross to the executor and back every round unchanged.
   */
  @Test
  void parameterAveragingWithOneWorkerIsOneProcess() throws Exception {
    TrainOptions options = options(2, 1);
    TrainingData data = data(options);
    Trainer.Result local = new Trainer(options, false, 0).train(data, Map.of(), null, false);
    Trainer.Result distributed =
        onSpark(options, data, settings(1, Averaging.PARAMETERS, 3, LearningRateScaling.LINEAR));
    double worst = largestDifference(local, distributed);
    assertTrue(worst <= TOLERANCE, "largest parameter difference " + worst);
    System.err.println(
        "parameter averaging, one worker, vs one process: largest difference " + worst);
  }

  private static SparkSettings settings(
      int workers, Averaging averaging, int averageEvery, LearningRateScaling scaling) {
    return new SparkSettings(
        "local[2]", workers, averaging, averageEvery, scaling, 2, List.of("tiny"));
  }

  private static Trainer.Result onSpark(
      TrainOptions options, TrainingData data, SparkSettings settings) throws Exception {
    return new Trainer(options, false, 0)
        .train(
            data,
            Map.of(),
            null,
            false,
            (o, config, parameters, d) ->
                new SparkEpochs(spark, settings, o, config, parameters, d));
  }

  private static double largestDifference(Trainer.Result a, Trainer.Result b) {
    double worst = 0;
    for (Map.Entry<String, INDArray> e : a.best().arrays().entrySet()) {
      INDArray other = b.best().get(e.getKey());
      worst = Math.max(worst, e.getValue().sub(other).amaxNumber().doubleValue());
    }
    return worst;
  }

  @Test
  void parameterAveragingLowersTheValidationLoss() throws Exception {
    TrainOptions options = options(12);
    TrainingData data = data(options);
    Trainer.Result result =
        onSpark(options, data, settings(2, Averaging.PARAMETERS, 2, LearningRateScaling.LINEAR));
    double first = result.history().get(0).validationLoss();
    assertTrue(
        result.bestValidationLoss() < 0.7 * first,
        "validation loss " + first + " -> best " + result.bestValidationLoss());
  }
}
