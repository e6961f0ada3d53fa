package org.tinyseq.train.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus chrF2 as sacrebleu computes it by default: character n-grams of orders 1 to 6 over the
 * text with all whitespace removed, β = 2, no word n-grams. For each order the hypothesis,
 * reference and matching (clipped) n-gram counts are summed over the corpus; precision and recall
 * are averaged over the orders where both hypothesis and reference have n-grams; chrF = (1 + β²) P
 * R / (β² P + R), as a percentage.
 */
public final class ChrF {
  public static final int MAX_ORDER = 6;
  public static final double BETA = 2;

  private ChrF() {}

  public static double corpus(List<String> hypotheses, List<String> references) {
    if (hypotheses.size() != references.size()) {
      throw new IllegalArgumentException(
          hypotheses.size() + " hypotheses for " + references.size() + " references");
    }
    long[] hypCounts = new long[MAX_ORDER];
    long[] refCounts = new long[MAX_ORDER];
    long[] matchCounts = new long[MAX_ORDER];
    for (int s = 0; s < hypotheses.size(); s++) {
      int[] hyp = withoutWhitespace(hypotheses.get(s));
      int[] ref = withoutWhitespace(references.get(s));
      for (int n = 1; n <= MAX_ORDER; n++) {
        Map<String, Integer> h = ngrams(hyp, n);
        Map<String, Integer> r = ngrams(ref, n);
        hypCounts[n - 1] += Math.max(0, hyp.length - n + 1);
        refCounts[n - 1] += Math.max(0, ref.length - n + 1);
        for (Map.Entry<String, Integer> e : h.entrySet()) {
          matchCounts[n - 1] += Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0));
        }
      }
    }
    double precision = 0;
    double recall = 0;
    int effectiveOrder = 0;
    for (int n = 0; n < MAX_ORDER; n++) {
      if (hypCounts[n] > 0 && refCounts[n] > 0) {
        precision += (double) matchCounts[n] / hypCounts[n];
        recall += (double) matchCounts[n] / refCounts[n];
        effectiveOrder++;
      }
    }
    if (effectiveOrder == 0) {
      return 0;
    }
    precision /= effectiveOrder;
    recall /= effectiveOrder;
    double factor = BETA * BETA;
    if (precision + recall == 0) {
      return 0;
    }
    return 100 * (1 + factor) * precision * recall / (factor * precision + recall);
  }

  private static int[] withoutWhitespace(String text) {
    return text.codePoints()
        .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
        .toArray();
  }

  private static Map<String, Integer> ngrams(int[] codePoints, int n) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i + n <= codePoints.length; i++) {
      counts.merge(new String(codePoints, i, n), 1, Integer::sum);
    }
    return counts;
  }
}
