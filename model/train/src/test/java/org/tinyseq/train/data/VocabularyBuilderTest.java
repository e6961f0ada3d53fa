package org.tinyseq.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.serve.text.Vocabulary;

class VocabularyBuilderTest {
  @Test
  void ordersByFrequencyThenTokenAfterTheReservedEntries() {
    Vocabulary vocab =
        VocabularyBuilder.build(
            List.of(List.of("b", "a", "c", "c"), List.of("a", "d", "c", "<unk>")), 1, 0);
    assertEquals(List.of("<pad>", "\t", "\n", "<unk>", "c", "a", "b", "d"), vocab.tokens());
  }

  @Test
  void appliesMinCountAndMaxSize() {
    List<List<String>> sequences = List.of(List.of("x", "x", "x", "y", "y", "z", "w", "w"));
    assertEquals(
        List.of("x", "w", "y"), VocabularyBuilder.build(sequences, 2, 0).tokens().subList(4, 7));
    assertEquals(6, VocabularyBuilder.build(sequences, 1, 2).size());
    assertEquals(Vocabulary.UNKNOWN, VocabularyBuilder.build(sequences, 1, 2).id("y"));
  }

  @Test
  void sourceUsesTheTokenizerAndTargetIsAlwaysCharacters() {
    List<TextPair> pairs = List.of(new TextPair("Hello, hello world", "你好你"));
    Vocabulary words = VocabularyBuilder.source(pairs, TokenUnit.WORD, 1, 0);
    assertEquals(List.of("hello", ",", "world"), words.tokens().subList(4, 7));
    assertEquals(
        4 + 10, // H e l o , space h w r d
        VocabularyBuilder.source(pairs, TokenUnit.CHAR, 1, 0).size());
    assertEquals(List.of("你", "好"), VocabularyBuilder.target(pairs, 1, 0).tokens().subList(4, 6));
  }
}
