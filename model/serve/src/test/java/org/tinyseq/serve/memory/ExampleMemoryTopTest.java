package org.tinyseq.serve.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleMemoryTopTest {
  static final ExampleMemory MEMORY =
      new ExampleMemory(
          List.of(
              new MemoryEntry("do you like movies?", "not really."),
              new MemoryEntry("do you like music?", "yes i do."),
              new MemoryEntry("i got a new job", "congrats!"),
              new MemoryEntry("what music do you like?", "jazz."),
              new MemoryEntry("zzz", "sleepy?")),
          0.8);

  @Test
  void listsTheClosestEntriesBestFirstAndAgreesWithLookup() {
    List<MemoryMatch> top = MEMORY.top("Do you like music", 3);
    assertEquals(3, top.size());
    assertEquals(MEMORY.lookup("Do you like music"), top.get(0));
    for (int i = 1; i < top.size(); i++) {
      assertTrue(top.get(i - 1).score() >= top.get(i).score());
    }
    assertEquals(top.subList(0, 2), MEMORY.top("Do you like music", 2), "a smaller k is a prefix");
    assertEquals(List.of(), MEMORY.top("", 3));
    assertEquals(List.of(), MEMORY.top("qqq", 3), "no shared trigram: nothing");
    assertEquals(3, MEMORY.top("do you like music", 10).size(), "only entries sharing a trigram");
  }

  @Test
  void equalScoresListTheSmallerKeyFirst() {
    ExampleMemory twins =
        new ExampleMemory(List.of(new MemoryEntry("ab!", "1"), new MemoryEntry("ab?", "2")), 0.5);
    List<MemoryMatch> top = twins.top("ab", 2);
    assertEquals(top.get(0).score(), top.get(1).score());
    assertEquals(List.of("ab!", "ab?"), top.stream().map(MemoryMatch::source).toList());
  }
}
