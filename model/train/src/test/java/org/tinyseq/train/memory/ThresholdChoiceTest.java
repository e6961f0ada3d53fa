package org.tinyseq.train.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryEntry;

/**
 * A tiny validation set where close matches have the right answer in memory and loose matches do
 * not, while the decoder is right exactly where the memory is wrong: the chosen threshold separates
 * the two groups and the combination beats both parts.
 */
class ThresholdChoiceTest {
  private static final ExampleMemory MEMORY =
      new ExampleMemory(
          List.of(
              new MemoryEntry("good night all", "晚安大家"), new MemoryEntry("hello world", "你好世界")),
          1.0);

  @Test
  void choosesTheThresholdThatMaximisesCombinedBleu() {
    List<String> sources =
        List.of("hello world!", "good night all!", "hello there", "good morning");
    List<String> references = List.of("你好世界", "晚安大家", "你们在那里吗", "早上好啊");
    List<String> decoded = List.of("错了吧", "不对的", "你们在那里吗", "早上好啊");
    double[] scores = sources.stream().mapToDouble(s -> MEMORY.lookup(s).score()).toArray();

    ThresholdChoice.Scores s = ThresholdChoice.choose(MEMORY, sources, references, decoded);

    assertTrue(s.threshold() <= Math.min(scores[0], scores[1]), s.toString());
    assertTrue(s.threshold() > Math.max(scores[2], scores[3]), s.toString());
    assertEquals(50.0, s.memoryShare());
    assertEquals(100.0, s.memoryCoverage());
    assertEquals(100.0, s.combined().exactMatch());
    assertTrue(s.combined().bleu() > s.memoryOnly().bleu(), s.toString());
    assertTrue(s.combined().bleu() > s.decoderOnly().bleu(), s.toString());
    // the figures stored with it, and scoring again at that threshold gives the same
    assertEquals(s.threshold(), s.toMetrics().get("threshold"));
    assertEquals(
        s.combined(),
        ThresholdChoice.score(MEMORY, s.threshold(), sources, references, decoded).combined());
  }

  @Test
  void aMemoryThatIsNeverBetterAnswersExactMatchesOnly() {
    List<String> sources = List.of("hello world!", "good night all!");
    // references of 4 characters or more: BLEU needs a 4-gram to be above 0
    List<String> references = List.of("甲乙丙丁戊", "己庚辛壬癸");
    ThresholdChoice.Scores s = ThresholdChoice.choose(MEMORY, sources, references, references);
    assertEquals(1.0, s.threshold());
    assertEquals(0.0, s.memoryShare());
  }
}
