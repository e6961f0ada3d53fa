package org.tinyseq.train.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class HitsAtOneTest {
  @Test
  void nineteenDistinctOtherRepliesSpreadOverTheSet() {
    for (int i : new int[] {0, 7, 99}) {
      List<Integer> d = HitsAtOne.distractors(i, 100);
      assertEquals(19, d.size());
      assertEquals(19, new HashSet<>(d).size());
      assertFalse(d.contains(i));
      assertEquals((i + 5) % 100, d.get(0));
    }
    assertThrows(IllegalArgumentException.class, () -> HitsAtOne.distractors(0, 19));
  }

  @Test
  void aHitNeedsTheTrueReplyStrictlyFirst() {
    assertTrue(HitsAtOne.hit(-1.0, new double[] {-2, -1.5}));
    assertFalse(HitsAtOne.hit(-1.0, new double[] {-2, -1.0}), "a tie is a miss");
    assertFalse(HitsAtOne.hit(-3.0, new double[] {-2}));
  }

  @Test
  void replyFiguresCountRepeatsAndWords() {
    ReplyFigures f =
        ReplyFigures.of(
            List.of("the best one of the best one", "I like it.", "I like it."),
            List.of("a", "b", "c"),
            Double.NaN);
    assertEquals(100.0 / 3, f.repeatShare(), 1e-9);
    assertEquals((7 + 3 + 3) / 3.0, f.meanWords(), 1e-9);
    assertEquals(200.0 / 3, f.topReplyShare(), 1e-9);
    assertEquals("I like it.", f.topReply());
  }
}
