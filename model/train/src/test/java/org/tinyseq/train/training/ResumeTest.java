package org.tinyseq.train.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.text.TokenUnit;

/**
 * A run interrupted after an epoch and resumed from its checkpoint ends where an unbroken run ends.
 */
class ResumeTest {
  @TempDir Path dir;

  @Test
  void resumedRunEqualsUninterruptedRun() throws Exception {
    TrainOptions four = TinyCorpus.options(Cell.LSTM, TokenUnit.CHAR, true, 4);
    TrainingData data = TrainingData.of(TinyCorpus.prepared(), four);

    Trainer.Result straight =
        new Trainer(four, false, 0).train(data, TinyCorpus.identity(), dir.resolve("a"), false);

    Path b = dir.resolve("b");
    Trainer.Result firstHalf =
        new Trainer(four.withEpochs(2), false, 0).train(data, TinyCorpus.identity(), b, false);
    assertEquals(2, firstHalf.history().size());
    assertEquals(2, Checkpoint.read(b).header().epoch());
    Trainer.Result resumed =
        new Trainer(four, false, 0).train(data, TinyCorpus.identity(), b, true);

    assertEquals(2, resumed.resumedFromEpoch());
    assertEquals(4, resumed.history().size());
    for (int i = 0; i < 4; i++) {
      assertEquals(
          straight.history().get(i).trainLoss(), resumed.history().get(i).trainLoss(), 1e-5);
    }
    for (Map.Entry<String, INDArray> e : straight.best().arrays().entrySet()) {
      assertArrayEquals(
          e.getValue().reshape(-1).toFloatVector(),
          resumed.best().get(e.getKey()).reshape(-1).toFloatVector(),
          1e-4f,
          e.getKey());
    }
  }

  @Test
  void refusesCheckpointOfAnotherRun() throws Exception {
    TrainOptions one = TinyCorpus.options(Cell.LSTM, TokenUnit.CHAR, true, 1);
    TrainingData data = TrainingData.of(TinyCorpus.prepared(), one);
    new Trainer(one, false, 0).train(data, TinyCorpus.identity(), dir, false);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Trainer(one.withEpochs(2), false, 0)
                    .train(data, Map.of("test", "other"), dir, true));
    assertEquals(true, e.getMessage().contains("another run"));
  }
}
