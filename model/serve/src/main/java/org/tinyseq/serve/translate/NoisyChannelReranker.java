package org.tinyseq.serve.translate;

import java.util.ArrayList;
import java.util.List;
import org.tinyseq.serve.decode.Decoded;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.Hypothesis;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.decode.TargetScore;
import org.tinyseq.serve.text.TextNormalizer;

/**
 * Noisy-channel reranking of a beam's N best (Yee et al. 2019, "Simple and Effective Noisy Channel
 * Modeling for Neural Machine Translation"): each hypothesis y of source x gets {@code λ · log
 * p(y|x) / |y| + (1 − λ) · log p(x|y) / |x|}, the second term from the model of the other direction
 * (teacher-forced, {@link GreedyDecoder#score}), lengths in output symbols (characters and the end
 * marker); the best one is the answer, the earlier one on ties. λ = 1 is beam search ranked by the
 * direct model's mean log-probability. Hypotheses the step limit cut are kept only when nothing
 * else finished. Deterministic: the same source always gets the same answer.
 *
 * @param direct the model of the asked direction
 * @param channel the model of the other direction (null: λ is taken as 1)
 * @param beam N, at least 1
 * @param lambda the direct model's weight, in [0, 1]
 */
public record NoisyChannelReranker(
    GreedyDecoder direct, GreedyDecoder channel, int beam, double lambda) {
  public NoisyChannelReranker {
    if (beam < 1) {
      throw new IllegalArgumentException("beam must be at least 1, got " + beam);
    }
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
    }
  }

  /** The answer for already normalised source text {@code x}. */
  public Decoded translate(String x, int maxSteps) {
    return pick(candidates(x, maxSteps), lambda);
  }

  /** The N best of {@code x} with both scores, for choosing λ on validation. */
  public List<Candidate> candidates(String x, int maxSteps) {
    SourceIds ids = direct.sourceIds(x);
    List<Hypothesis> nBest = finished(direct.nBest(ids, maxSteps, beam));
    List<Candidate> out = new ArrayList<>(nBest.size());
    List<TargetScore> back = channel == null ? null : back(x, nBest);
    for (int i = 0; i < nBest.size(); i++) {
      Hypothesis h = nBest.get(i);
      out.add(
          new Candidate(
              h.decoded(),
              h.logProbability() / h.decoded().steps(),
              back == null ? 0 : back.get(i).perSymbol()));
    }
    return out;
  }

  /** The best candidate under weight {@code lambda}; the earlier one on ties. */
  public static Decoded pick(List<Candidate> candidates, double lambda) {
    Candidate best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (Candidate c : candidates) {
      double s = lambda * c.direct() + (1 - lambda) * c.channel();
      if (best == null || s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
    return best.decoded();
  }

  /**
   * One hypothesis with its two per-symbol scores.
   *
   * @param direct {@code log p(y|x) / |y|}
   * @param channel {@code log p(x|y) / |x|} (0 without a channel model)
   */
  public record Candidate(Decoded decoded, double direct, double channel) {}

  private List<TargetScore> back(String x, List<Hypothesis> nBest) {
    List<SourceIds> reversed = new ArrayList<>(nBest.size());
    List<String> targets = new ArrayList<>(nBest.size());
    for (Hypothesis h : nBest) {
      reversed.add(channel.sourceIds(TextNormalizer.normalize(h.decoded().text())));
      targets.add(x);
    }
    return channel.scorePairs(reversed, targets);
  }

  private static List<Hypothesis> finished(List<Hypothesis> all) {
    List<Hypothesis> ended = all.stream().filter(h -> !h.decoded().hitStepLimit()).toList();
    return ended.isEmpty() ? all : ended;
  }
}
