package org.tinyseq.serve.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.Hypothesis;
import org.tinyseq.serve.decode.ReplyRules;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.text.TextNormalizer;
import org.tinyseq.serve.text.Words;

/**
 * The chat answer path: retrieve, generate, score, choose. Candidates are the retriever's top k
 * human replies (best first), then the decoder's N best under {@link ReplyRules#CHAT} (no word
 * 3-gram twice, no cut reply; best first); a candidate that is blank, repeats a word 3-gram or
 * equals an earlier one is left out. Each is scored both ways ({@link CandidateScorer}) and the
 * best by {@link ChatRanking#score} is the reply, the earliest on equal scores. Everything is
 * deterministic, so the same message always gets the same reply (the result cache relies on it).
 * Immutable and thread-safe.
 */
public final class ChatAnswerer {
  /** The reply when there is no candidate at all (no retrieved reply, every generated one cut). */
  public static final String NO_REPLY = "Sorry, I have no answer to that.";

  /** No word n-gram of this size twice in a reply. */
  public static final int NO_REPEAT_NGRAM = ReplyRules.CHAT.noRepeatWordNgram();

  private final GreedyDecoder forward;
  private final ReplyRetriever retriever;
  private final CandidateScorer scorer;
  private final ChatRanking ranking;
  private final int maxSteps;

  /**
   * @param forward the chat model
   * @param reverse the reverse chat model, null for none (then the forward direction alone scores)
   * @param retriever the pool of human replies, null for none (then generated candidates only)
   * @param ranking λ, k, N and the penalties
   * @param maxSteps the decoder's step limit for generated candidates
   */
  public ChatAnswerer(
      GreedyDecoder forward,
      GreedyDecoder reverse,
      ReplyRetriever retriever,
      ChatRanking ranking,
      int maxSteps) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("maxSteps must be at least 1: " + maxSteps);
    }
    this.forward = forward;
    this.retriever = retriever;
    this.scorer = new CandidateScorer(forward, reverse);
    this.ranking = ranking;
    this.maxSteps = maxSteps;
  }

  public ChatRanking ranking() {
    return ranking;
  }

  public GreedyDecoder forward() {
    return forward;
  }

  public CandidateScorer scorer() {
    return scorer;
  }

  /** The reply to an already normalised, non-empty message. */
  public ChatReply reply(String message) {
    SourceIds ids = forward.sourceIds(message);
    List<RetrievedReply> retrieved =
        retriever == null || ranking.retrieved() == 0
            ? List.of()
            : retriever.top(message, ranking.retrieved());
    List<Hypothesis> generated =
        ranking.generated() == 0
            ? List.of()
            : forward.nBest(ids, maxSteps, ranking.generated(), ReplyRules.CHAT);
    List<ChatCandidate> candidates = candidates(retrieved, generated);
    List<ScoredCandidate> scored =
        scorer.score(message, ids, candidates, ranking.lambda() < 1, ranking.lambda() > 0);
    return choose(scored, ranking);
  }

  /** The candidate list: retrieved first, then generated, filtered as the class says. */
  public static List<ChatCandidate> candidates(
      List<RetrievedReply> retrieved, List<Hypothesis> generated) {
    List<ChatCandidate> out = new ArrayList<>(retrieved.size() + generated.size());
    Set<String> seen = new HashSet<>();
    for (RetrievedReply r : retrieved) {
      add(out, seen, r.reply(), ChatCandidate.Origin.RETRIEVED);
    }
    for (Hypothesis h : generated) {
      if (!h.decoded().hitStepLimit()) {
        add(out, seen, h.decoded().text(), ChatCandidate.Origin.GENERATED);
      }
    }
    return out;
  }

  /** The best scored candidate under {@code ranking}, or {@link #NO_REPLY} for none. */
  public static ChatReply choose(List<ScoredCandidate> scored, ChatRanking ranking) {
    int best = ranking.best(scored);
    if (best < 0) {
      return new ChatReply(NO_REPLY, null, Double.NaN, 0);
    }
    ScoredCandidate c = scored.get(best);
    return new ChatReply(
        c.candidate().text(), c.candidate().origin(), ranking.score(c), scored.size());
  }

  private static void add(
      List<ChatCandidate> out, Set<String> seen, String raw, ChatCandidate.Origin origin) {
    String text = TextNormalizer.normalize(raw);
    if (text.isEmpty() || Words.repeatsNgram(text, NO_REPEAT_NGRAM) || !seen.add(text)) {
      return;
    }
    out.add(new ChatCandidate(text, origin));
  }
}
