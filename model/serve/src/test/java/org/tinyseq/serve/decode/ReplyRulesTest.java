package org.tinyseq.serve.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.text.Vocabulary;
import org.tinyseq.serve.text.Words;

class ReplyRulesTest {
  /** Two one-letter words and a space: random weights soon say "a b a b a b ...". */
  static final List<String> TGT = List.of("a", "b", " ");

  static Bundle bundle(long seed, float endBias) {
    Architecture a = AttentionDecoderTest.luong("char", 16, 6, 4);
    Bundle b = RandomBundles.create("chat", "r-" + seed, a, GreedyDecoderTest.SRC, TGT, seed);
    return BeamSearchTest.endMoreOften(b, endBias);
  }

  @Test
  void wordRepeatsSeesARepeatedTrigramWhenItsLastWordEnds() {
    Vocabulary v = Vocabulary.of(List.of("t", "T", "h", "e", "b", "s", "o", "n", "f", " ", "."));
    WordRepeats r = new WordRepeats(v, 3);
    assertTrue(r.lastWordRepeats(ids(v, "the best one of the best one")));
    assertTrue(r.lastWordRepeats(ids(v, "the best one of The best one")), "case is folded");
    assertFalse(r.lastWordRepeats(ids(v, "the best one of the best")));
    assertFalse(r.lastWordRepeats(ids(v, "the best one of the best one ")), "not inside a word");
    assertFalse(r.lastWordRepeats(ids(v, "one one one")), "the first 3-gram is not a repeat");
    assertTrue(r.lastWordRepeats(ids(v, "one one one one")), "overlapping repeats count");
    assertTrue(r.isWordChar(v.id("t")));
    assertFalse(r.isWordChar(v.id(".")));
    assertFalse(r.isWordChar(Vocabulary.END));
  }

  @Test
  void chatRulesReturnOnlyFinishedRepliesWithoutARepeatedWordTrigram() {
    int plainRepeats = 0;
    int plainCut = 0;
    int chatReplies = 0;
    for (long seed = 1; seed <= 4; seed++) {
      GreedyDecoder decoder = GreedyDecoder.of(bundle(seed, 1.0f));
      for (SourceIds source : AttentionDecoderTest.sources(seed, 6)) {
        for (Hypothesis h : decoder.nBest(source, 40, 4, ReplyRules.NONE)) {
          plainRepeats += Words.repeatsNgram(h.decoded().text(), 3) ? 1 : 0;
          plainCut += h.decoded().hitStepLimit() ? 1 : 0;
        }
        for (Hypothesis h : decoder.nBest(source, 40, 4, ReplyRules.CHAT)) {
          assertFalse(h.decoded().hitStepLimit(), "cut replies are dropped");
          assertFalse(
              Words.repeatsNgram(h.decoded().text(), 3), "repeats a 3-gram: " + h.decoded().text());
          chatReplies++;
        }
      }
    }
    // the rules must have had something to remove, and must leave replies to choose from
    assertTrue(plainRepeats > 0, "plain beam search repeats word 3-grams on these models");
    assertTrue(plainCut > 0, "plain beam search returns cut hypotheses on these models");
    assertTrue(chatReplies > 0, "chat rules still find replies");
  }

  @Test
  void aModelThatNeverEndsGivesNoChatCandidate() {
    GreedyDecoder decoder = GreedyDecoder.of(bundle(3, -50f));
    SourceIds source = decoder.sourceIds("hello world");
    List<Hypothesis> plain = decoder.nBest(source, 20, 3, ReplyRules.NONE);
    assertFalse(plain.isEmpty());
    assertTrue(plain.stream().allMatch(h -> h.decoded().hitStepLimit()));
    assertEquals(List.of(), decoder.nBest(source, 20, 3, ReplyRules.CHAT));
  }

  @Test
  void nBestOfABatchEqualsOneByOne() {
    GreedyDecoder decoder = GreedyDecoder.of(bundle(2, 1.0f));
    List<SourceIds> sources = AttentionDecoderTest.sources(7, 5);
    List<List<Hypothesis>> batch = decoder.nBestBatch(sources, 30, 3, ReplyRules.CHAT);
    for (int i = 0; i < sources.size(); i++) {
      List<String> one = texts(decoder.nBest(sources.get(i), 30, 3, ReplyRules.CHAT));
      assertEquals(one, texts(batch.get(i)));
    }
  }

  private static List<String> texts(List<Hypothesis> hs) {
    List<String> out = new ArrayList<>();
    hs.forEach(h -> out.add(h.decoded().text() + "|" + h.score()));
    return out;
  }

  private static int[] ids(Vocabulary v, String text) {
    return text.codePoints().map(cp -> v.id(new String(Character.toChars(cp)))).toArray();
  }
}
