package org.tinyseq.train.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RankingTunerTest {
  @Test
  void aCandidateScoredOneWayCostsHalfAUnit() {
    assertEquals(6.0, RankingTuner.cost(6, 0, 0.5, true), 1e-12, "both directions");
    assertEquals(3.0, RankingTuner.cost(6, 0, 1.0, true), 1e-12, "reverse only");
    assertEquals(3.0, RankingTuner.cost(6, 0, 0.0, true), 1e-12, "forward only");
    assertEquals(3.0, RankingTuner.cost(6, 0, 0.5, false), 1e-12, "no reverse model");
    assertEquals(6.0, RankingTuner.cost(6, 2, 1.0, true), 1e-12, "beam rows at 1.5 each");
  }
}
