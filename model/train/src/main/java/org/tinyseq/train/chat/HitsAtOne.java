package org.tinyseq.train.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * hits@1 of 20 (ConvAI2): for message i of a set, its true reply and the true replies of 19 other
 * messages of the set, at {@code i + j·⌊n/20⌋} (mod n) for j = 1..19, so spread over the set's
 * topics; a hit when the true reply scores strictly above all 19 (a tie is a miss).
 */
public final class HitsAtOne {
  public static final int CANDIDATES = 20;

  private HitsAtOne() {}

  /** The indices of the 19 distractor replies of message {@code i} in a set of {@code n}. */
  public static List<Integer> distractors(int i, int n) {
    if (n < CANDIDATES) {
      throw new IllegalArgumentException("hits@1/20 needs at least 20 messages, got " + n);
    }
    int step = n / CANDIDATES;
    List<Integer> out = new ArrayList<>(CANDIDATES - 1);
    for (int j = 1; j < CANDIDATES; j++) {
      out.add((i + j * step) % n);
    }
    return out;
  }

  /** True when {@code trueScore} is above every distractor score. */
  public static boolean hit(double trueScore, double[] distractorScores) {
    for (double d : distractorScores) {
      if (!(trueScore > d)) {
        return false;
      }
    }
    return true;
  }
}
