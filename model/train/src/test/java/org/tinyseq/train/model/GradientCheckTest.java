package org.tinyseq.train.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.train.training.Batcher;
import org.tinyseq.train.training.EncodedPair;

/**
 * Every gradient training uses equals the finite-difference gradient of the bundle's arithmetic
 * (computed in double precision by {@link ReferenceArithmetic}), for every parameter tensor. ND4J's
 * fused {@code lstmLayer} failed this by 5% to 1,400% (docs/training.md), which is why the LSTM has
 * its own backpropagation ({@link LstmBackprop}).
 */
class GradientCheckTest {

  @ParameterizedTest(name = "{0} embedding={1} equalSources={2} teacherForcing={3}")
  @CsvSource({
    "LSTM,4,false,true",
    "LSTM,4,true,true",
    "LSTM,0,false,true",
    "GRU,4,false,true",
    "LSTM,4,false,false",
  })
  void gradientsMatchFiniteDifferencesOfTheBundleArithmetic(
      Cell cell, int embedding, boolean equalSources, boolean teacherForcing) {
    check(
        new ModelConfig(cell, TokenUnit.CHAR, 6, embedding, teacherForcing, 12, 12, 7, 8),
        equalSources);
  }

  @ParameterizedTest(name = "attention embedding={0} equalSources={1}")
  @CsvSource({"4,false", "4,true", "0,false"})
  void attentionGradientsMatchFiniteDifferencesOfTheBundleArithmetic(
      int embedding, boolean equalSources) {
    check(
        new ModelConfig(
            Cell.LSTM, TokenUnit.CHAR, 6, embedding, true, 12, 12, 7, 8, Attention.LUONG, 0),
        equalSources);
  }

  private static void check(ModelConfig config, boolean equalSources) {
    Parameters parameters = Parameters.initialize(config, 5);
    // Weights large enough that every gate saturates somewhere and every path matters.
    SplittableRandom random = new SplittableRandom(3);
    for (INDArray a : parameters.arrays().values()) {
      for (long i = 0; i < a.length(); i++) {
        a.putScalar(i, random.nextDouble() * 1.6 - 0.8);
      }
    }
    List<EncodedPair> pairs = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      int n = i;
      pairs.add(
          new EncodedPair(
              IntStream.range(0, equalSources ? 5 : 1 + n % 6).map(k -> 4 + (k + n) % 8).toArray(),
              IntStream.range(0, 1 + (n * 5) % 7).map(k -> 4 + (k * n) % 8).toArray()));
    }
    GraphFactory graphs = new GraphFactory(config, parameters);
    Batch batch = new Batcher(pairs, 7, true, 7, 8, graphs).batch(IntStream.range(0, 7).toArray());
    var analytic = graphs.graphFor(batch).gradients(batch);
    assertEquals(ReferenceArithmetic.meanLoss(parameters, config, pairs), analytic.loss(), 1e-5);
    assertEquals(parameters.arrays().keySet(), analytic.gradients().keySet());

    for (String name : parameters.arrays().keySet()) {
      INDArray w = parameters.get(name);
      INDArray grad = analytic.gradients().get(name);
      double worst = 0;
      double scale = 0;
      for (long i = 0; i < w.length(); i += 3) {
        double eps = 1e-3;
        double original = w.getDouble(i);
        w.putScalar(i, original + eps);
        double plus = ReferenceArithmetic.meanLoss(parameters, config, pairs);
        w.putScalar(i, original - eps);
        double minus = ReferenceArithmetic.meanLoss(parameters, config, pairs);
        w.putScalar(i, original);
        double numeric = (plus - minus) / (2 * eps);
        worst = Math.max(worst, Math.abs(numeric - grad.getDouble(i)));
        scale = Math.max(scale, Math.abs(numeric));
      }
      // Reported in the test's output (docs/training.md quotes the figures).
      System.out.printf(
          "%s %s: largest |numeric - analytic| %.2e, largest |gradient| %.2e%n",
          config.luong() ? "luong" : config.cell().jsonName(), name, worst, scale);
      // float32 arithmetic: errors of ~1e-7 against gradients of 1e-3 to 1e-1.
      assertEquals(0, worst / scale, 1e-3, name + ": largest error " + worst + " of " + scale);
    }
  }
}
