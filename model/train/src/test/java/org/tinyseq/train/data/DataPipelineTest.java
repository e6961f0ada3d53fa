package org.tinyseq.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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

  @Test
  void conversationsStayWholeOnOneSide() {
    List<TextPair> raw = new ArrayList<>();
    for (int c = 0; c < 50; c++) {
      for (int t = 0; t < 4; t++) {
        // the same turn texts in every conversation: grouping by source would mix them
        raw.add(new TextPair("turn " + t, "turn " + (t + 1), null, Integer.toString(c)));
      }
    }
    PreparedData data = DataPipeline.prepare(raw, new DataOptions(3, 0.1, true, 0, 0));
    assertEquals(20, data.validation().size()); // 5 of 50 conversations, 4 pairs each
    Set<String> trainConversations = new HashSet<>();
    data.train().forEach(p -> trainConversations.add(p.conversation()));
    Set<String> validationConversations = new HashSet<>();
    data.validation().forEach(p -> validationConversations.add(p.conversation()));
    assertEquals(5, validationConversations.size());
    validationConversations.forEach(c -> assertFalse(trainConversations.contains(c)));
  }

  @Test
  void combinedSourcesAreEachSplitAsTheyWouldBeAlone() {
    List<TextPair> first = new ArrayList<>();
    List<TextPair> second = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      first.add(new TextPair("first " + i, "一" + i));
      second.add(new TextPair("second " + i, "二" + i, null, Integer.toString(i / 2)));
    }
    Corpus a = new Corpus("a", Path.of("a.tsv"), "1".repeat(64), first, 1);
    Corpus b = new Corpus("b", Path.of("b.tsv"), "2".repeat(64), second, 0);
    DataOptions options = new DataOptions(11, 0.2, true, 0, 0);
    PreparedData alone = DataPipeline.prepare(a, options);
    PreparedData other = DataPipeline.prepare(b, options);
    PreparedData both = DataPipeline.prepare(Corpus.combine(List.of(a, b)), options);

    List<TextPair> validation = new ArrayList<>(alone.validation());
    validation.addAll(other.validation());
    assertEquals(validation, both.validation());
    List<TextPair> train = new ArrayList<>(alone.train());
    train.addAll(other.train());
    assertEquals(train, both.train());
    assertEquals(
        List.of(
            new SourceCounts("a", "a.tsv", "1".repeat(64), 40, 1, 0, 0, 32, 8),
            new SourceCounts("b", "b.tsv", "2".repeat(64), 40, 0, 0, 0, 32, 8)),
        both.sources());
    // a single source is not wrapped
    assertEquals(a, Corpus.combine(List.of(a)));
    assertEquals(DataPipeline.prepare(first, options).train(), alone.train());
    assertEquals(DataPipeline.prepare(first, options).validation(), alone.validation());
  }

  @Test
  void reverseSwapsSidesAfterTheSameSplitAndLimits() {
    List<TextPair> raw = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      raw.add(new TextPair("sentence " + (i % 80), "句子" + i));
    }
    raw.add(new TextPair("a source far too long for the limit", "短"));
    DataOptions forward = new DataOptions(5, 0.2, true, 20, 10, 0);
    DataOptions reverse = new DataOptions(5, 0.2, true, 20, 10, 0, true);
    PreparedData there = DataPipeline.prepare(raw, forward);
    PreparedData back = DataPipeline.prepare(raw, reverse);
    assertEquals(swapped(there.train()), back.train());
    assertEquals(swapped(there.validation()), back.validation());
    assertEquals(1, back.droppedTooLong()); // the limits read the corpus's own columns
    assertEquals(true, DataOptions.fromMap(reverse.toMap()).reverse());
    assertEquals(false, forward.toMap().containsKey(DataOptions.KEY_REVERSE));
  }

  private static List<TextPair> swapped(List<TextPair> pairs) {
    return pairs.stream().map(p -> p.withTexts(p.target(), p.source())).toList();
  }

  @Test
  void lowercasedCopiesJoinTheTrainingSideOnly() {
    List<TextPair> raw = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      raw.add(new TextPair("Hello " + i + ".", "Hi " + i + "!"));
      raw.add(new TextPair("already lower " + i, "Fine."));
    }
    DataOptions plain = new DataOptions(5, 0.1, true, 0, 0);
    DataOptions copies = new DataOptions(5, 0.1, true, 0, 0, 0.5);
    PreparedData without = DataPipeline.prepare(raw, plain);
    PreparedData with = DataPipeline.prepare(raw, copies);
    assertEquals(without.validation(), with.validation());
    assertEquals(without.train(), with.train().subList(0, without.train().size()));
    List<TextPair> added = with.train().subList(without.train().size(), with.train().size());
    assertEquals(with.lowercasedCopies(), added.size());
    // about half of the ~90 cased training sources; seeded, so exactly the same every time
    assertTrue(added.size() > 30 && added.size() < 60, "copies: " + added.size());
    for (TextPair copy : added) {
      assertTrue(copy.source().startsWith("hello "), copy.source());
      assertTrue(copy.target().startsWith("Hi "), copy.target()); // replies stay cased
    }
    assertEquals(with, DataPipeline.prepare(raw, copies));
    assertEquals(without.kept(), with.kept());
  }
}
