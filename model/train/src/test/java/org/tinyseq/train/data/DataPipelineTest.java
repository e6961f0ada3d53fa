package org.tinyseq.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataPipelineTest {
  private static final DataOptions NO_SPLIT = new DataOptions(1, 0, true, 10, 5);

  @Test
  void normalisesBothSidesAndConvertsTraditionalToSimplified() {
    PreparedData data =
        DataPipeline.prepare(List.of(new TextPair("  Ｈｉ\u200B  there ", "這是書。", "attr")), NO_SPLIT);
    assertEquals(List.of(new TextPair("Hi there", "这是书。", "attr")), data.train());
  }

  @Test
  void keepsTraditionalWhenNotAsked() {
    DataOptions traditional = new DataOptions(1, 0, false, 0, 0);
    assertEquals(
        "這是書。",
        DataPipeline.prepare(List.of(new TextPair("a", "這是書。")), traditional)
            .train()
            .get(0)
            .target());
  }

  @Test
  void dropsEmptyAndTooLongPairs() {
    List<TextPair> raw =
        List.of(
            new TextPair("ok", "好"),
            new TextPair("\u200B", "空"),
            new TextPair("fine", " "),
            new TextPair("12345678901", "长"),
            new TextPair("short", "太长了太长了"),
            new TextPair("1234567890", "五个字符啊"));
    PreparedData data = DataPipeline.prepare(raw, NO_SPLIT);
    assertEquals(2, data.droppedEmpty());
    assertEquals(2, data.droppedTooLong());
    assertEquals(List.of("ok", "1234567890"), data.train().stream().map(TextPair::source).toList());
    assertTrue(data.validation().isEmpty());
  }

  @Test
  void splitIsGroupedBySourceSeededAndDeterministic() {
    List<TextPair> raw = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      raw.add(new TextPair("sentence " + i, "句" + i));
      raw.add(new TextPair("Sentence " + i, "另" + i)); // same source, other case
      raw.add(new TextPair("sentence " + i + " ", "再" + i)); // same after normalisation
    }
    DataOptions options = new DataOptions(7, 0.1, true, 0, 0);
    PreparedData data = DataPipeline.prepare(raw, options);
    assertEquals(60, data.validation().size()); // 20 of 200 sources, 3 pairs each
    assertEquals(540, data.train().size());
    Set<String> trainSources = new HashSet<>();
    data.train().forEach(p -> trainSources.add(p.source().toLowerCase()));
    data.validation().forEach(p -> assertFalse(trainSources.contains(p.source().toLowerCase())));
    assertEquals(data, DataPipeline.prepare(raw, options));
    PreparedData otherSeed = DataPipeline.prepare(raw, new DataOptions(8, 0.1, true, 0, 0));
    assertNotEquals(data.validation(), otherSeed.validation());
  }

  @Test
  void tinyCorpusStillGetsOneValidationSource() {
    List<TextPair> raw =
        List.of(new TextPair("a", "甲"), new TextPair("b", "乙"), new TextPair("c", "丙"));
    PreparedData data = DataPipeline.prepare(raw, new DataOptions(1, 0.1, true, 0, 0));
    assertEquals(1, data.validation().size());
    assertEquals(2, data.train().size());
  }
}
