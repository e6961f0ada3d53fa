package org.tinyseq.train.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.serve.text.Vocabulary;
import org.tinyseq.train.model.Batch;
import org.tinyseq.train.model.GraphFactory;
import org.tinyseq.train.model.ModelConfig;
import org.tinyseq.train.model.Parameters;

class BatcherTest {
  private static List<EncodedPair> pairs(int n) {
    List<EncodedPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new EncodedPair(
              IntStream.range(0, 1 + i % 7).map(k -> 4 + k).toArray(),
              IntStream.range(0, 1 + (i * 3) % 5).map(k -> 5 + k).toArray()));
    }
    return out;
  }

  private static GraphFactory graphs(Cell cell) {
    ModelConfig c = new ModelConfig(cell, TokenUnit.CHAR, 4, 2, true, 12, 12, 7, 6);
    return new GraphFactory(c, Parameters.initialize(c, 1));
  }

  @Test
  void epochPlanCoversEveryPairOnceAndDependsOnlyOnSeedAndEpoch() {
    Batcher batcher = new Batcher(pairs(1000), 8, true, 7, 6, graphs(Cell.LSTM));
    List<int[]> plan = batcher.epochPlan(5, 3);
    int[] all = plan.stream().flatMapToInt(IntStream::of).sorted().toArray();
    assertArrayEquals(IntStream.range(0, 1000).toArray(), all);
    assertEquals(
        plan.stream().map(java.util.Arrays::toString).toList(),
        batcher.epochPlan(5, 3).stream().map(java.util.Arrays::toString).toList());
    assertNotEquals(
        plan.stream().map(java.util.Arrays::toString).toList(),
        batcher.epochPlan(5, 4).stream().map(java.util.Arrays::toString).toList());
  }

  @Test
  void bucketedBatchesHoldSimilarLengths() {
    Batcher batcher = new Batcher(pairs(1000), 8, true, 7, 6, graphs(Cell.LSTM));
    long padded = 0;
    for (int[] b : batcher.epochPlan(1, 1)) {
      padded += batcher.batch(b).targetSteps() * b.length;
    }
    long fixed = 1000L * 6;
    assertEquals(true, padded < fixed * 0.8, "bucketing pads less: " + padded + " vs " + fixed);
  }

  @Test
  void lstmBatchesHoldExactlyOneSourceLengthSoNoRowIsPadded() {
    Batcher batcher = new Batcher(pairs(1000), 8, true, 7, 6, graphs(Cell.LSTM));
    for (List<int[]> plan : List.of(batcher.epochPlan(1, 1), batcher.sequentialPlan())) {
      assertEquals(1000, plan.stream().mapToInt(b -> b.length).sum());
      for (int[] b : plan) {
        assertEquals(true, batcher.batch(b).sourceRowsFull(), java.util.Arrays.toString(b));
      }
    }
  }

  @Test
  void unmaskedPaddingMakesTheEncoderReadEveryStepAsTheKerasExampleDoes() {
    List<EncodedPair> p =
        List.of(
            new EncodedPair(new int[] {4, 5, 6}, new int[] {7}),
            new EncodedPair(new int[] {9}, new int[] {10}));
    Batch masked = new Batcher(p, 2, false, 5, 4, graphs(Cell.LSTM)).batch(new int[] {0, 1});
    Batch unmasked =
        new Batcher(p, 2, false, 5, 4, graphs(Cell.LSTM))
            .withUnmaskedSourcePadding()
            .batch(new int[] {0, 1});
    assertArrayEquals(new int[] {3, 1}, masked.sourceLength().toIntVector());
    assertArrayEquals(new int[] {5, 5}, unmasked.sourceLength().toIntVector());
    assertEquals(false, masked.sourceRowsFull());
    assertEquals(true, unmasked.sourceRowsFull());
  }

  @Test
  void batchHasStartMarkerLabelsShiftedByOneEndMarkerAndMasks() {
    List<EncodedPair> p =
        List.of(
            new EncodedPair(new int[] {4, 5, 6}, new int[] {7, 8}),
            new EncodedPair(new int[] {9}, new int[] {10}));
    Batcher batcher = new Batcher(p, 2, true, 7, 6, graphs(Cell.LSTM));
    Batch b = batcher.batch(new int[] {0, 1});
    assertArrayEquals(new int[] {4, 5, 6, 9, 0, 0}, b.source().reshape(-1).toIntVector());
    assertArrayEquals(new int[] {3, 1}, b.sourceLength().toIntVector());
    assertArrayEquals(
        new int[] {Vocabulary.START, 7, 8, Vocabulary.START, 10, 0},
        b.decoderInput().reshape(-1).toIntVector());
    assertArrayEquals(
        new int[] {7, 8, Vocabulary.END, 10, Vocabulary.END, 0}, b.labels().toIntVector());
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 0}, b.labelMask().toFloatVector());
    assertEquals(5, b.targetTokens());
  }

  @Test
  void unrolledGraphsGetLengthsPaddedToTheQuantum() {
    Batcher batcher = new Batcher(pairs(10), 4, true, 7, 6, graphs(Cell.GRU));
    Batch b = batcher.batch(new int[] {0, 1});
    assertEquals(7, b.sourceSteps()); // 2 rounded up to 8, capped at the maximum 7
    assertEquals(6, b.targetSteps());
  }
}
