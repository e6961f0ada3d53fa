package org.tinyseq.train.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.train.data.TextPair;

class MemoryBuilderTest {
  @Test
  void oneEntryPerCaseInsensitiveSourceSortedByKey() {
    List<MemoryEntry> entries =
        MemoryBuilder.entries(
            List.of(
                new TextPair("Thank you.", "谢谢。"),
                new TextPair("Hi.", "嗨。"),
                new TextPair("hi.", "嗨。")));
    assertEquals(
        List.of(new MemoryEntry("hi.", "嗨。"), new MemoryEntry("thank you.", "谢谢。")), entries);
  }

  @Test
  void tieRuleMostFrequentThenShortestThenLexicographic() {
    // most frequent wins even when longer
    assertEquals("你好啊。", target(pair("你好。"), pair("你好啊。"), pair("你好啊。")));
    // equally frequent: the shortest
    assertEquals("嗨。", target(pair("你好。"), pair("嗨。"), pair("您好啊。")));
    // equally frequent and long: the first in String order (丙 U+4E19 before 乙 U+4E59), whatever
    // the corpus order
    assertEquals("丙。", target(pair("丙。"), pair("乙。")));
    assertEquals("丙。", target(pair("乙。"), pair("丙。")));
  }

  private static TextPair pair(String target) {
    return new TextPair("Hi.", target);
  }

  private static String target(TextPair... pairs) {
    return MemoryBuilder.entries(List.of(pairs)).get(0).target();
  }
}
