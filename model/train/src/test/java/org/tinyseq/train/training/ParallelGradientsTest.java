package org.tinyseq.train.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.train.model.BatchGradients.LossAndGradients;
import org.tinyseq.train.model.ModelConfig;
import org.tinyseq.train.model.Parameters;

/**
 * Splitting a batch over workers changes nothing but the summation order: loss and gradients equal
 * those of one worker, for rows of different lengths (so the parts differ in padding and in how
 * many tokens they count).
 */
class ParallelGradientsTest {

  @ParameterizedTest(name = "{0} with {1} workers")
  @CsvSource({"LSTM,2", "LSTM,3", "GRU,2"})
  void workersComputeTheWholeBatchsLossAndGradients(Cell cell, int workers) {
    ModelConfig config = new ModelConfig(cell, TokenUnit.CHAR, 6, 4, true, 12, 12, 7, 8);
    Parameters parameters = Parameters.initialize(config, 5);
    List<EncodedPair> pairs = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      int n = i;
      pairs.add(
          new EncodedPair(
              IntStream.range(0, 1 + n % 6).map(k -> 4 + (k + n) % 8).toArray(),
              IntStream.range(0, 1 + (n * 5) % 7).map(k -> 4 + (k * n) % 8).toArray()));
    }
    int[] rows = IntStream.range(0, pairs.size()).toArray();
    LossAndGradients one;
    LossAndGradients many;
    try (ParallelGradients single = new ParallelGradients(config, parameters, 1);
        ParallelGradients parallel = new ParallelGradients(config, parameters, workers)) {
      one = single.gradients(new Batcher(pairs, 7, true, 7, 8, single.graphs()), rows);
      many = parallel.gradients(new Batcher(pairs, 7, true, 7, 8, parallel.graphs()), rows);
      Batcher b = new Batcher(pairs, 7, true, 7, 8, parallel.graphs());
      ParallelGradients.LossSum sum = parallel.loss(b, rows);
      assertEquals(one.loss(), sum.sum() / sum.tokens(), 1e-5);
    }
    assertEquals(one.targetTokens(), many.targetTokens());
    assertEquals(one.loss(), many.loss(), 1e-5);
    assertEquals(one.gradients().keySet(), many.gradients().keySet());
    for (Map.Entry<String, INDArray> e : one.gradients().entrySet()) {
      INDArray other = many.gradients().get(e.getKey());
      double diff = e.getValue().sub(other).amaxNumber().doubleValue();
      double scale = Math.max(1e-3, e.getValue().amaxNumber().doubleValue());
      assertEquals(0, diff / scale, 1e-4, e.getKey());
    }
  }
}
