package org.tinyseq.train.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrigramCosineTest {
  @Test
  void isOneForTheSameTextZeroForNothingSharedAndCaseBlind() {
    assertEquals(1.0, TrigramCosine.of("Do you like music?", "do you like music?"), 1e-12);
    assertEquals(0.0, TrigramCosine.of("abc", "xyz"), 1e-12);
    assertEquals(0.0, TrigramCosine.of("", "xyz"), 1e-12);
    double near = TrigramCosine.of("do you like music", "i like music");
    double far = TrigramCosine.of("do you like music", "the game was great");
    assertTrue(near > far && near < 1, near + " vs " + far);
  }
}
