package org.tinyseq.serve.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleMemoryTest {
  private static final List<MemoryEntry> ENTRIES =
      List.of(
          new MemoryEntry("good morning.", "早上好。"),
          new MemoryEntry("hi.", "嗨。"),
          new MemoryEntry("i like tea.", "我喜欢茶。"),
          new MemoryEntry("thank you.", "谢谢。"));

  @Test
  void exactMatchIgnoresCaseAndSpacingAndScoresOne() {
    ExampleMemory m = new ExampleMemory(ENTRIES, 0.9);
    MemoryMatch match = m.answer("  Thank   YOU. ");
    assertEquals("谢谢。", match.target());
    assertEquals(1.0, match.score());
  }

  @Test
  void nearMatchScoresBelowOneAndAnswersOnlyAtTheThreshold() {
    ExampleMemory m = new ExampleMemory(ENTRIES, 0.5);
    MemoryMatch near = m.lookup("I like tea!");
    assertEquals("我喜欢茶。", near.target());
    assertTrue(near.score() > 0.5 && near.score() < 1, "score " + near.score());
    assertEquals(near, m.answer("I like tea!"));
    assertNull(m.withThreshold(near.score() + 1e-9).answer("I like tea!"));
    assertEquals(near, m.withThreshold(near.score()).answer("I like tea!"));
  }

  @Test
  void topListsTheBestMatchesInScoreOrderWithTheLookupsBestFirst() {
    ExampleMemory m = new ExampleMemory(ENTRIES, 0.5);
    List<MemoryMatch> top = m.top("Hi. I like tea!", 10);
    assertEquals(m.lookup("Hi. I like tea!"), top.get(0));
    assertTrue(top.size() >= 2, top.toString());
    for (int i = 1; i < top.size(); i++) {
      assertTrue(top.get(i - 1).score() >= top.get(i).score(), top.toString());
    }
    assertEquals(top.subList(0, 2), m.top("Hi. I like tea!", 2));
    assertEquals(1.0, m.top("hi.", 1).get(0).score());
    assertEquals("嗨。", m.top("hi.", 1).get(0).target());
    assertEquals(List.of(), m.top("zzz", 3));
    assertEquals(List.of(), m.top("hi.", 0));
    // Every call leaves the per-thread scratch clean: the next lookup scores as before.
    assertEquals(m.top("good morning", 3), m.top("good morning", 3));
  }

  @Test
  void nothingSharedMeansNoMatch() {
    ExampleMemory m = new ExampleMemory(ENTRIES, 0);
    assertNull(m.lookup("zzz"));
    assertNull(m.lookup(""));
    assertNull(new ExampleMemory(List.of(), 0).lookup("hi."));
  }

  @Test
  void equalScoresGoToTheSmallestKeyEveryTime() {
    // "ab" and "ba" each share two of the request's trigrams: equal scores; the smaller key wins,
    // whichever way round the request puts them.
    ExampleMemory m =
        new ExampleMemory(
            List.of(new MemoryEntry("ab", "first"), new MemoryEntry("ba", "second")), 0);
    MemoryMatch a = m.lookup("ab ba");
    assertEquals("first", a.target());
    for (int i = 0; i < 3; i++) {
      assertEquals(a, m.lookup("ab ba"));
      assertEquals("first", m.lookup("ba ab").target());
    }
  }

  @Test
  void refusesUnsortedKeysAndThresholdsOutsideZeroToOne() {
    List<MemoryEntry> unsorted = List.of(ENTRIES.get(1), ENTRIES.get(0));
    assertThrows(IllegalArgumentException.class, () -> new ExampleMemory(unsorted, 0.5));
    assertThrows(IllegalArgumentException.class, () -> new ExampleMemory(ENTRIES, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new ExampleMemory(ENTRIES, Double.NaN));
  }
}
