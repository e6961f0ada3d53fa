package org.tinyseq.spark.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class RoundDealTest {
  /** A batch is {id, cost}. */
  private static final ToDoubleFunction<int[]> COST = b -> b[1];

  private static List<int[]> batches(int... costs) {
    List<int[]> batches = new ArrayList<>();
    for (int i = 0; i < costs.length; i++) {
      batches.add(new int[] {i, costs[i]});
    }
    return batches;
  }

  private static double load(List<int[]> mine) {
    return mine.stream().mapToDouble(COST).sum();
  }

  @Test
  void everyWorkerGetsAsManyStepsAndEveryBatchIsDealtOnce() {
    List<int[]> round = batches(9, 1, 1, 1, 8, 2, 2, 7, 3, 1, 5);
    List<List<int[]>> dealt = RoundDeal.deal(round, 3, COST);

    assertEquals(List.of(4, 4, 3), dealt.stream().map(List::size).toList());
    boolean[] seen = new boolean[round.size()];
    for (List<int[]> mine : dealt) {
      int last = -1;
      for (int[] batch : mine) {
        assertTrue(batch[0] > last, "a worker keeps the plan's order");
        last = batch[0];
        assertTrue(!seen[batch[0]], "dealt twice: " + batch[0]);
        seen[batch[0]] = true;
      }
    }
    for (boolean s : seen) {
      assertTrue(s);
    }
  }

  @Test
  void longBatchesAreSpreadWhereRoundRobinStacksThem() {
    // Round-robin would give worker 0 the four long batches (cost 40 against 4).
    List<List<int[]>> dealt = RoundDeal.deal(batches(10, 1, 10, 1, 10, 1, 10, 1), 2, COST);

    assertEquals(22.0, load(dealt.get(0)));
    assertEquals(22.0, load(dealt.get(1)));
  }

  @Test
  void theSlowestWorkerOfRandomRoundsIsWithinAFewPercentOfTheMean() {
    SplittableRandom random = new SplittableRandom(7);
    double worstExcess = 0;
    for (int round = 0; round < 50; round++) {
      int[] costs = new int[32];
      for (int i = 0; i < costs.length; i++) {
        costs[i] = 1 + random.nextInt(20); // bucketed batches differ up to 20-fold
      }
      List<List<int[]>> dealt = RoundDeal.deal(batches(costs), 2, COST);
      double mean = (load(dealt.get(0)) + load(dealt.get(1))) / 2;
      double slowest = Math.max(load(dealt.get(0)), load(dealt.get(1)));
      worstExcess = Math.max(worstExcess, slowest / mean - 1);
    }
    assertTrue(worstExcess < 0.05, "worst round " + worstExcess);
  }

  @Test
  void aShortLastRoundLeavesSomeWorkersIdle() {
    List<List<int[]>> dealt = RoundDeal.deal(batches(3), 2, COST);

    assertArrayEquals(new int[] {0, 3}, dealt.get(0).get(0));
    assertTrue(dealt.get(1).isEmpty());
  }

  @Test
  void anEpochIsSpreadOverRoundsOfAboutKBatchesPerWorkerWithoutAShortTail() {
    // cmn-eng: 388 batches of 64. Ceiling division would make 13 rounds, the last of 4 batches.
    assertEquals(12, SparkEpochs.rounds(388, 2, 16));
    assertEquals(6, SparkEpochs.rounds(388, 2, 32));
    assertEquals(1, SparkEpochs.rounds(3, 2, 16));
    assertEquals(0, SparkEpochs.rounds(0, 2, 16));
  }
}
