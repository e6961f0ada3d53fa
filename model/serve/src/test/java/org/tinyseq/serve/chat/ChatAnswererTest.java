package org.tinyseq.serve.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.chat.ChatCandidate.Origin;
import org.tinyseq.serve.decode.Decoded;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.Hypothesis;
import org.tinyseq.serve.decode.ReplyRules;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.text.Words;

class ChatAnswererTest {
  static final GreedyDecoder FORWARD = ChatTestModels.model("fwd", 11, 2.0f);
  static final GreedyDecoder REVERSE = ChatTestModels.model("rev", 12, 2.0f);
  static final ReplyRetriever POOL =
      ChatTestModels.pool("yes i do.", "i like music", "no", "the the the the", "  ", "no");

  @Test
  void candidatesAreRetrievedThenGeneratedWithoutBlanksRepeatsCutOrDuplicates() {
    List<RetrievedReply> retrieved = POOL.top("do you like music?", 10);
    List<Hypothesis> generated =
        List.of(
            hypothesis("i like music", false), // a duplicate of a retrieved one
            hypothesis("so so so so", false), // repeats "so so so"
            hypothesis("a cut rep", true),
            hypothesis("yes", false));
    List<ChatCandidate> c = ChatAnswerer.candidates(retrieved, generated);
    assertEquals(
        List.of("yes i do.", "i like music", "no", "yes"),
        c.stream().map(ChatCandidate::text).toList());
    assertEquals(
        List.of(Origin.RETRIEVED, Origin.RETRIEVED, Origin.RETRIEVED, Origin.GENERATED),
        c.stream().map(ChatCandidate::origin).toList());
    assertEquals(3, c.get(0).words());
  }

  @Test
  void theReplyIsTheBestScoredCandidateAndAlwaysTheSame() {
    ChatRanking ranking = new ChatRanking(0.5, 4, 3, 0.0);
    ChatAnswerer answerer = new ChatAnswerer(FORWARD, REVERSE, POOL, ranking, 24);
    for (String message : List.of("do you like music ?", "what movies", "i like the music")) {
      SourceIds ids = FORWARD.sourceIds(message);
      List<ChatCandidate> candidates =
          ChatAnswerer.candidates(POOL.top(message, 4), FORWARD.nBest(ids, 24, 3, ReplyRules.CHAT));
      List<ScoredCandidate> scored = answerer.scorer().score(message, ids, candidates);
      int best = ranking.best(scored);
      for (ScoredCandidate s : scored) {
        assertTrue(ranking.score(s) <= ranking.score(scored.get(best)));
        assertFalse(Words.repeatsNgram(s.candidate().text(), 3));
      }
      ChatReply reply = answerer.reply(message);
      assertEquals(scored.get(best).candidate().text(), reply.text());
      assertEquals(candidates.size(), reply.candidates());
      assertEquals(reply, answerer.reply(message), "same message, same reply");
    }
  }

  @Test
  void theScorerReadsBothDirectionsPerSymbol() {
    String message = "do you like music ?";
    SourceIds ids = FORWARD.sourceIds(message);
    List<ChatCandidate> candidates =
        List.of(
            new ChatCandidate("yes i do.", Origin.RETRIEVED),
            new ChatCandidate("no", Origin.GENERATED));
    List<ScoredCandidate> s = new CandidateScorer(FORWARD, REVERSE).score(message, ids, candidates);
    for (int i = 0; i < 2; i++) {
      String reply = candidates.get(i).text();
      assertEquals(FORWARD.score(ids, List.of(reply)).get(0).perSymbol(), s.get(i).forward(), 1e-9);
      assertEquals(
          REVERSE.score(REVERSE.sourceIds(reply), List.of(message)).get(0).perSymbol(),
          s.get(i).reverse(),
          1e-4);
    }
    assertTrue(
        Double.isNaN(
            new CandidateScorer(FORWARD, null).score(message, ids, candidates).get(0).reverse()));
  }

  @Test
  void lambdaMovesTheChoiceBetweenTheDirections() {
    String message = "what do you like ?";
    SourceIds ids = FORWARD.sourceIds(message);
    List<ChatCandidate> candidates = ChatAnswerer.candidates(POOL.top(message, 6), List.of());
    List<ScoredCandidate> s = new CandidateScorer(FORWARD, REVERSE).score(message, ids, candidates);
    int forwardBest = argmax(s, true);
    int reverseBest = argmax(s, false);
    assertEquals(forwardBest, new ChatRanking(0, 6, 0, 0).best(s));
    assertEquals(reverseBest, new ChatRanking(1, 6, 0, 0).best(s));
  }

  @Test
  void aRankingThatReadsOneDirectionSkipsTheOtherAndChoosesTheSame() {
    String message = "what do you like ?";
    SourceIds ids = FORWARD.sourceIds(message);
    List<ChatCandidate> candidates = ChatAnswerer.candidates(POOL.top(message, 6), List.of());
    CandidateScorer scorer = new CandidateScorer(FORWARD, REVERSE);
    List<ScoredCandidate> both = scorer.score(message, ids, candidates);
    List<ScoredCandidate> reverseOnly = scorer.score(message, ids, candidates, false, true);
    List<ScoredCandidate> forwardOnly = scorer.score(message, ids, candidates, true, false);
    for (int i = 0; i < both.size(); i++) {
      assertTrue(Double.isNaN(reverseOnly.get(i).forward()), "forward not computed");
      assertEquals(both.get(i).reverse(), reverseOnly.get(i).reverse(), 0);
      assertTrue(Double.isNaN(forwardOnly.get(i).reverse()), "reverse not computed");
      assertEquals(both.get(i).forward(), forwardOnly.get(i).forward(), 0);
    }
    ChatRanking reverseRanking = new ChatRanking(1, 6, 0, 0);
    ChatRanking forwardRanking = new ChatRanking(0, 6, 0, 0);
    assertEquals(reverseRanking.best(both), reverseRanking.best(reverseOnly));
    assertEquals(forwardRanking.best(both), forwardRanking.best(forwardOnly));
    assertEquals(reverseRanking.score(both.get(0)), reverseRanking.score(reverseOnly.get(0)), 0);
  }

  @Test
  void withoutAnyCandidateTheReplyIsTheFixedOne() {
    GreedyDecoder neverEnds = ChatTestModels.model("loop", 3, -50f);
    ChatAnswerer answerer =
        new ChatAnswerer(neverEnds, null, (m, k) -> List.of(), new ChatRanking(0, 4, 2, 0), 10);
    ChatReply r = answerer.reply("do you like music ?");
    assertEquals(ChatAnswerer.NO_REPLY, r.text());
    assertNull(r.origin());
    assertEquals(0, r.candidates());
  }

  private static int argmax(List<ScoredCandidate> s, boolean forward) {
    int best = 0;
    for (int i = 1; i < s.size(); i++) {
      double a = forward ? s.get(i).forward() : s.get(i).reverse();
      double b = forward ? s.get(best).forward() : s.get(best).reverse();
      if (a > b) {
        best = i;
      }
    }
    return best;
  }

  private static Hypothesis hypothesis(String text, boolean cut) {
    return new Hypothesis(new Decoded(text, new int[0], new float[0], cut), -1, -1);
  }
}
