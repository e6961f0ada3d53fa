package org.tinyseq.train.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.train.training.Batcher;
import org.tinyseq.train.training.EncodedPair;

/**
 * The throughput baseline's graph (ND4J's fused lstmLayer) is the same model as the one training
 * uses: on a batch whose rows fill every source step, both compute the same loss.
 */
class LibraryLstmGraphTest {

  @Test
  void computesTheSameLossAsTheProjectsBackprop() {
    ModelConfig config = new ModelConfig(Cell.LSTM, TokenUnit.CHAR, 5, 3, true, 10, 11, 4, 6);
    Parameters parameters = Parameters.initialize(config, 9);
    List<EncodedPair> pairs =
        List.of(
            new EncodedPair(new int[] {4, 5, 6, 7}, new int[] {5, 6}),
            new EncodedPair(new int[] {8, 9, 4, 4}, new int[] {9, 10, 4, 5}),
            new EncodedPair(new int[] {6, 7, 8, 5}, new int[] {10}));
    Batch batch =
        new Batcher(pairs, 3, true, 4, 6, new GraphFactory(config, parameters))
            .batch(new int[] {0, 1, 2});
    double library = LibraryLstmGraph.build(config, parameters).loss(batch);
    double own = new LstmBackprop(config, parameters).loss(batch);
    assertEquals(own, library, 1e-5);
  }
}
