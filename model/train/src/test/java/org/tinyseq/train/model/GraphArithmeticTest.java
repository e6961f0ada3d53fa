package org.tinyseq.train.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.train.training.Batcher;
import org.tinyseq.train.training.EncodedPair;

/**
 * The training graphs compute exactly the bundle's arithmetic: the loss SameDiff computes for a
 * batch of different lengths equals the loss of the literal formulas over the exported tensors.
 * This pins the LSTM's gate order (i, f, g, o), the encoder state handed to the decoder, the
 * masking of padded source steps, the GRU "reset after" cell and the fed-back decoder input.
 */
class GraphArithmeticTest {

  @ParameterizedTest(name = "{0} embedding={1} teacherForcing={2} equalSources={3}")
  @CsvSource({
    "LSTM,6,true,false",
    "LSTM,0,true,false",
    "GRU,6,true,false",
    "GRU,0,true,false",
    "LSTM,6,false,false",
    "LSTM,6,true,true",
    "LSTM,0,true,true"
  })
  void trainingLossEqualsBundleArithmetic(
      Cell cell, int embedding, boolean teacherForcing, boolean equalSources) {
    ModelConfig config =
        new ModelConfig(cell, TokenUnit.CHAR, 5, embedding, teacherForcing, 9, 11, 6, 8);
    Parameters parameters = Parameters.initialize(config, 7);
    // Random, non-zero biases so that every block's position matters.
    SplittableRandom random = new SplittableRandom(3);
    for (Map.Entry<String, INDArray> e : parameters.arrays().entrySet()) {
      if (e.getValue().rank() == 1) {
        for (long i = 0; i < e.getValue().length(); i++) {
          e.getValue().putScalar(i, random.nextDouble() - 0.5);
        }
      }
    }
    List<EncodedPair> pairs =
        equalSources
            ? List.of(
                new EncodedPair(new int[] {4, 5, 6, 7}, new int[] {5, 6, 7}),
                new EncodedPair(new int[] {8, 4, 4, 6}, new int[] {9, 10, 4, 5, 6, 7, 8}),
                new EncodedPair(new int[] {6, 7, 8, 5}, new int[] {10}))
            : List.of(
                new EncodedPair(new int[] {4, 5, 6, 7, 8, 4}, new int[] {5, 6, 7}),
                new EncodedPair(new int[] {8}, new int[] {9, 10, 4, 5, 6, 7, 8}),
                new EncodedPair(new int[] {6, 7}, new int[] {10}));
    GraphFactory graphs = new GraphFactory(config, parameters);
    Batcher batcher = new Batcher(pairs, 3, true, 6, 8, graphs);
    var batch = batcher.batch(new int[] {0, 1, 2});
    assertEquals(equalSources, batch.sourceRowsFull());
    double graphLoss = graphs.graphFor(batch).loss(batch);

    assertEquals(ReferenceArithmetic.meanLoss(parameters, config, pairs), graphLoss, 1e-4);
  }
}
