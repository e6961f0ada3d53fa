package org.tinyseq.serve.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.chat.ChatCandidate.Origin;

class ChatRankingTest {
  @Test
  void readsTheManifestSectionAndFallsBackToDefaults() {
    assertEquals(ChatRanking.DEFAULTS, ChatRanking.fromMetrics(null));
    assertEquals(ChatRanking.DEFAULTS, ChatRanking.fromMetrics(Map.of("bleu", 1.0)));
    ChatRanking r = new ChatRanking(0.3, 32, 8, 0.25);
    assertEquals(r, ChatRanking.fromMetrics(Map.of("chatRanking", r.toMap())));
    assertEquals(
        new ChatRanking(0.7, 16, 4, 0.0),
        ChatRanking.fromMetrics(Map.of("chatRanking", Map.of("lambda", 0.7))));
  }

  @Test
  void refusesABadSectionWithItsReason() {
    for (Object bad :
        List.of(
            "0.5",
            Map.of("lambda", 1.5),
            Map.of("lambda", "high"),
            Map.of("retrieved", -1),
            Map.of("retrieved", 2.5),
            Map.of("generated", 33),
            Map.of("retrieved", 0, "generated", 0),
            Map.of("shortReplyPenalty", Double.NaN))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ChatRanking.fromMetrics(Map.of("chatRanking", bad)),
              bad.toString());
      assertTrue(e.getMessage().contains("chatRanking"), e.getMessage());
    }
  }

  @Test
  void scoresBothDirectionsMinusTheShortReplyPenaltyAndKeepsTheEarliestOnTies() {
    ChatRanking r = new ChatRanking(0.25, 4, 0, 0.5);
    ScoredCandidate longer =
        new ScoredCandidate(new ChatCandidate("i like it a lot", Origin.RETRIEVED), -1.0, -2.0);
    ScoredCandidate shorter =
        new ScoredCandidate(new ChatCandidate("yes.", Origin.GENERATED), -1.0, -2.0);
    assertEquals(0.75 * -1.0 + 0.25 * -2.0, r.score(longer), 1e-12);
    assertEquals(0.75 * -1.0 + 0.25 * -2.0 - 0.5, r.score(shorter), 1e-12);
    ScoredCandidate noReverse = new ScoredCandidate(longer.candidate(), -1.5, Double.NaN);
    assertEquals(-1.5, r.score(noReverse), 1e-12);
    assertEquals(0, r.best(List.of(longer, shorter)));
    assertEquals(1, r.best(List.of(shorter, longer)));
    assertEquals(0, r.best(List.of(longer, longer)), "the earliest of equal scores");
    assertEquals(-1, r.best(List.of()));
  }
}
