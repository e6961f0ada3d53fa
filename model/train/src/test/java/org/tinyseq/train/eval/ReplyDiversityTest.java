package org.tinyseq.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyDiversityTest {
  private static final double EPS = 1e-9;

  @Test
  void countsDistinctUnigramsAndBigramsAcrossReplies() {
    // tokens: [i, like, it, .] [i, like, jazz] -> 7 unigrams, 5 distinct (i, like, it, ., jazz);
    // bigrams: (i like)(like it)(it .) (i like)(like jazz) -> 5, 4 distinct
    ReplyDiversity d = ReplyDiversity.of(List.of("I like it.", "i like jazz"));
    assertEquals(100.0 * 5 / 7, d.distinct1(), EPS);
    assertEquals(100.0 * 4 / 5, d.distinct2(), EPS);
    assertEquals(2, d.distinctReplies());
    assertEquals(50, d.topReplyShare(), EPS); // each reply once: the first is "top"
    assertEquals("I like it.", d.topReply());
  }

  @Test
  void aCollapsedModelHasOneTopReply() {
    ReplyDiversity d =
        ReplyDiversity.of(
            List.of("I don't know.", "I don't  know.", "Yes!", "I don't know.", "I don't know."));
    assertEquals("I don't know.", d.topReply()); // compared after normalisation
    assertEquals(80, d.topReplyShare(), EPS);
    assertEquals(2, d.distinctReplies());
    // unigrams (13a keeps "don't" whole): 4 x [i, don't, know, .] + [yes, !] = 18, distinct 6
    assertEquals(100.0 * 6 / 18, d.distinct1(), EPS);
  }

  @Test
  void emptyRepliesHaveNoNgramsAndNoReplies() {
    ReplyDiversity none = ReplyDiversity.of(List.of());
    assertEquals(0, none.distinct1(), EPS);
    assertEquals(0, none.topReplyShare(), EPS);
    ReplyDiversity blank = ReplyDiversity.of(List.of("", "", "ok"));
    assertEquals("", blank.topReply());
    assertEquals(100.0 * 2 / 3, blank.topReplyShare(), EPS);
    assertEquals(100, blank.distinct1(), EPS);
    assertEquals(0, blank.distinct2(), EPS); // one-token replies have no bigram
  }

  @Test
  void onlyChatReportsCarryDiversity() {
    List<String> replies = List.of("Hi.", "Hi.");
    assertNull(Evaluator.evaluate(replies, replies).diversity());
    EvaluationReport chat = Evaluator.evaluate(replies, replies, true);
    assertEquals(100, chat.diversity().topReplyShare(), EPS);
    assertEquals(100.0, chat.toMetrics().get("topReplyShare"));
    assertEquals(50.0, chat.toMetrics().get("distinct1")); // [hi, .] twice
  }
}
