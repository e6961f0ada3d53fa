package org.tinyseq.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyseq.train.data.TextPair;

class TranslationMemoryTest {
  private final TranslationMemory memory =
      TranslationMemory.build(
          List.of(
              new TextPair("I like tea.", "我喜欢茶。"),
              new TextPair("I like tea.", "我爱喝茶。"),
              new TextPair("Where is the station?", "车站在哪里？"),
              new TextPair("Tom is reading a book.", "汤姆在看书。")));

  @Test
  void answersWithTheTargetOfTheMostSimilarSource() {
    assertEquals("我喜欢茶。", memory.translate("I like tea."));
    assertEquals("我喜欢茶。", memory.translate("I LIKE green tea!"));
    assertEquals("车站在哪里？", memory.translate("Where's the train station?"));
    assertEquals("汤姆在看书。", memory.translate("Tom reads books"));
  }

  @Test
  void keepsOneEntryPerSourceAndAnswersNothingWithoutOverlap() {
    assertEquals(3, memory.size());
    assertEquals("", memory.translate(""));
    assertEquals("", memory.translate("xyz"));
  }

  @Test
  void batchAnswersEqualSingleAnswers() {
    List<String> queries = List.of("tea", "station", "book", "qq");
    assertEquals(queries.stream().map(memory::translate).toList(), memory.translateAll(queries));
  }
}
