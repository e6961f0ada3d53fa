package org.tinyseq.spark.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Deals one round's batches to the workers so that they finish together: a round waits for its
 * slowest worker, and bucketed batches differ several-fold in length. Every worker gets the same
 * number of batches (one more for the first few when they do not divide), so every worker takes as
 * many Adam steps; within that, the longest batch goes to the worker with the least work so far.
 * Each worker keeps its batches in the epoch plan's order.
 */
final class RoundDeal {
  private RoundDeal() {}

  static List<List<int[]>> deal(List<int[]> batches, int workers, ToDoubleFunction<int[]> cost) {
    int n = batches.size();
    double[] costs = new double[n];
    for (int i = 0; i < n; i++) {
      costs[i] = cost.applyAsDouble(batches.get(i));
    }
    int[] capacity = new int[workers];
    for (int w = 0; w < workers; w++) {
      capacity[w] = n / workers + (w < n % workers ? 1 : 0);
    }
    double[] load = new double[workers];
    List<List<Integer>> mine = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      mine.add(new ArrayList<>());
    }
    Integer[] longestFirst =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> -costs[i]).thenComparing(i -> i))
            .toArray(Integer[]::new);
    for (int i : longestFirst) {
      int best = -1;
      for (int w = 0; w < workers; w++) {
        if (mine.get(w).size() < capacity[w] && (best < 0 || load[w] < load[best])) {
          best = w;
        }
      }
      mine.get(best).add(i);
      load[best] += costs[i];
    }
    List<List<int[]>> dealt = new ArrayList<>(workers);
    for (List<Integer> indices : mine) {
      dealt.add(indices.stream().sorted().map(batches::get).toList());
    }
    return dealt;
  }
}
