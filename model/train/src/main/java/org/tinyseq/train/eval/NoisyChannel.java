package org.tinyseq.train.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.translate.NoisyChannelReranker;

/**
 * The serving path's noisy-channel reranking ({@link NoisyChannelReranker}) over many sources and
 * several weights at once: the N best and both scores are computed once per source.
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
    NoisyChannelReranker reranker = new NoisyChannelReranker(direct, channel, beam, 1);
    Map<Double, List<String>> out = new LinkedHashMap<>();
    for (double lambda : lambdas) {
      out.put(lambda, new ArrayList<>(normalizedSources.size()));
    }
    for (String x : normalizedSources) {
      if (x.isEmpty()) {
        out.values().forEach(l -> l.add(""));
        continue;
      }
      List<NoisyChannelReranker.Candidate> candidates = reranker.candidates(x, maxSteps);
      for (double lambda : lambdas) {
        out.get(lambda).add(NoisyChannelReranker.pick(candidates, lambda).text());
      }
    }
    return out;
  }
}
