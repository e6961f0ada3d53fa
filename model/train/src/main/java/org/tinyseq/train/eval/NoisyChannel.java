package org.tinyseq.train.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.Hypothesis;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.decode.TargetScore;
import org.tinyseq.serve.text.TextNormalizer;

/**
 * Noisy-channel reranking of a beam's N best (Yee et al. 2019, "Simple and Effective Noisy Channel
 * Modeling for Neural Machine Translation"): each hypothesis y of source x gets {@code λ · log
 * p(y|x) / |y| + (1 − λ) · log p(x|y) / |x|}, the second term from the model of the other direction
 * (teacher-forced, {@link GreedyDecoder#score}), lengths in output symbols; the best one is the
 * answer. λ = 1 is plain beam search ranked by the direct model's mean log-probability. Hypotheses
 * the step limit cut are kept only when nothing else finished.
 */
public final class NoisyChannel {
  private NoisyChannel() {}

  /** The answer for each source under each λ, in the order given. */
  public static Map<Double, List<String>> rerank(
      GreedyDecoder direct,
      GreedyDecoder channel,
      List<String> normalizedSources,
      int maxSteps,
      int beam,
      List<Double> lambdas) {
    Map<Double, List<String>> out = new LinkedHashMap<>();
    for (double lambda : lambdas) {
      out.put(lambda, new ArrayList<>(normalizedSources.size()));
    }
    for (String x : normalizedSources) {
      if (x.isEmpty()) {
        out.values().forEach(l -> l.add(""));
        continue;
      }
      List<Hypothesis> nBest = finished(direct.nBest(direct.sourceIds(x), maxSteps, beam));
      List<SourceIds> reversed = new ArrayList<>(nBest.size());
      List<String> targets = new ArrayList<>(nBest.size());
      for (Hypothesis h : nBest) {
        reversed.add(channel.sourceIds(TextNormalizer.normalize(h.decoded().text())));
        targets.add(x);
      }
      List<TargetScore> back = channel.scorePairs(reversed, targets);
      for (double lambda : lambdas) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nBest.size(); i++) {
          Hypothesis h = nBest.get(i);
          double forward = h.logProbability() / h.decoded().steps();
          double s = lambda * forward + (1 - lambda) * back.get(i).perSymbol();
          if (s > bestScore) {
            bestScore = s;
            best = i;
          }
        }
        out.get(lambda).add(nBest.get(best).decoded().text());
      }
    }
    return out;
  }

  private static List<Hypothesis> finished(List<Hypothesis> all) {
    List<Hypothesis> ended = all.stream().filter(h -> !h.decoded().hitStepLimit()).toList();
    return ended.isEmpty() ? all : ended;
  }
}
