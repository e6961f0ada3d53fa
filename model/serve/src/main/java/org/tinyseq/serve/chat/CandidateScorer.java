package org.tinyseq.serve.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.decode.TargetScore;

/**
 * Both directions' scores of candidate replies: the chat model's teacher-forced {@code log p(T|S)}
 * (the message encoded once, all candidates in one batch) and, with a reverse model (reply →
 * message), {@code log p(S|T)} (each candidate encoded as a source, the message as every row's
 * target, one batch). Both are means per output symbol, so long and short replies compare.
 */
public final class CandidateScorer {
  private final GreedyDecoder forward;
  private final GreedyDecoder reverse;

  /**
   * @param forward the chat model
   * @param reverse the reverse chat model, null for none
   */
  public CandidateScorer(GreedyDecoder forward, GreedyDecoder reverse) {
    this.forward = forward;
    this.reverse = reverse;
  }

  public boolean hasReverse() {
    return reverse != null;
  }

  /**
   * @param message the normalised message
   * @param messageIds its source ids for the chat model
   */
  public List<ScoredCandidate> score(
      String message, SourceIds messageIds, List<ChatCandidate> candidates) {
    return score(message, messageIds, candidates, true, true);
  }

  /**
   * The scores a ranking needs: a direction whose weight is 0 is not computed (NaN), which halves
   * the cost of a ranking that reads one direction only (see {@link ChatRanking#score}).
   */
  public List<ScoredCandidate> score(
      String message,
      SourceIds messageIds,
      List<ChatCandidate> candidates,
      boolean forwardNeeded,
      boolean reverseNeeded) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<String> texts = candidates.stream().map(ChatCandidate::text).toList();
    boolean withReverse = reverse != null && reverseNeeded;
    List<TargetScore> fwd = forwardNeeded || !withReverse ? forward.score(messageIds, texts) : null;
    List<TargetScore> rev = null;
    if (withReverse) {
      List<SourceIds> sources = new ArrayList<>(texts.size());
      for (String t : texts) {
        sources.add(reverse.sourceIds(t));
      }
      rev = reverse.scorePairs(sources, Collections.nCopies(texts.size(), message));
    }
    List<ScoredCandidate> out = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      out.add(
          new ScoredCandidate(
              candidates.get(i),
              fwd == null ? Double.NaN : fwd.get(i).perSymbol(),
              rev == null ? Double.NaN : rev.get(i).perSymbol()));
    }
    return out;
  }
}
