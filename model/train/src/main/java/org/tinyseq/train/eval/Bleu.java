package org.tinyseq.train.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Corpus BLEU-4 against one reference per sentence, as sacrebleu computes it with its default
 * {@code exp} smoothing. Clipped n-gram matches and n-gram totals (n = 1..4) are summed over the
 * corpus; {@code p_n = matches_n / total_n}, except that an order with no match gets {@code 1 /
 * (2^k total_n)}, k counting such orders so far; an order with no hypothesis n-gram at all gives
 * BLEU 0. BLEU = BP · exp(mean of log p_n) with brevity penalty BP = exp(1 − r/c) when the
 * hypotheses' length c is below the references' length r, else 1. Scores are percentages. Tokens
 * come from {@link MetricTokenizer} (characters for Chinese).
 */
public final class Bleu {
  public static final int MAX_ORDER = 4;

  private Bleu() {}

  /**
   * @param score BLEU, 0 to 100
   * @param precisions the (smoothed) n-gram precisions p_1..p_4, 0 to 100
   * @param brevityPenalty BP, 0 to 1
   * @param hypothesisLength tokens in all hypotheses
   * @param referenceLength tokens in all references
   */
  public record Result(
      double score,
      List<Double> precisions,
      double brevityPenalty,
      long hypothesisLength,
      long referenceLength) {}

  public static Result corpus(List<String> hypotheses, List<String> references) {
    if (hypotheses.size() != references.size()) {
      throw new IllegalArgumentException(
          hypotheses.size() + " hypotheses for " + references.size() + " references");
    }
    long[] matches = new long[MAX_ORDER];
    long[] totals = new long[MAX_ORDER];
    long hypLength = 0;
    long refLength = 0;
    for (int s = 0; s < hypotheses.size(); s++) {
      List<String> hyp = MetricTokenizer.tokens(hypotheses.get(s));
      List<String> ref = MetricTokenizer.tokens(references.get(s));
      hypLength += hyp.size();
      refLength += ref.size();
      for (int n = 1; n <= MAX_ORDER; n++) {
        Map<List<String>, Integer> refCounts = ngrams(ref, n);
        for (Map.Entry<List<String>, Integer> e : ngrams(hyp, n).entrySet()) {
          matches[n - 1] += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
        }
        totals[n - 1] += Math.max(0, hyp.size() - n + 1);
      }
    }
    return score(matches, totals, hypLength, refLength);
  }

  /**
   * The sufficient statistics of one sentence: clipped matches of orders 1..4, n-gram totals of
   * orders 1..4, hypothesis length, reference length. Summed over sentences and passed to {@link
   * #fromStats} they give {@link #corpus} of those sentences.
   */
  public static long[] sentenceStats(String hypothesis, String reference) {
    long[] s = new long[2 * MAX_ORDER + 2];
    List<String> hyp = MetricTokenizer.tokens(hypothesis);
    List<String> ref = MetricTokenizer.tokens(reference);
    for (int n = 1; n <= MAX_ORDER; n++) {
      Map<List<String>, Integer> refCounts = ngrams(ref, n);
      for (Map.Entry<List<String>, Integer> e : ngrams(hyp, n).entrySet()) {
        s[n - 1] += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
      }
      s[MAX_ORDER + n - 1] = Math.max(0, hyp.size() - n + 1);
    }
    s[2 * MAX_ORDER] = hyp.size();
    s[2 * MAX_ORDER + 1] = ref.size();
    return s;
  }

  /** Corpus BLEU from summed {@link #sentenceStats}. */
  public static Result fromStats(long[] summed) {
    return score(
        java.util.Arrays.copyOfRange(summed, 0, MAX_ORDER),
        java.util.Arrays.copyOfRange(summed, MAX_ORDER, 2 * MAX_ORDER),
        summed[2 * MAX_ORDER],
        summed[2 * MAX_ORDER + 1]);
  }

  static Result score(long[] matches, long[] totals, long hypLength, long refLength) {
    Double[] precisions = new Double[MAX_ORDER];
    double logSum = 0;
    boolean zero = false;
    double smooth = 1;
    for (int n = 0; n < MAX_ORDER; n++) {
      double p;
      if (totals[n] == 0) {
        p = 0;
      } else if (matches[n] == 0) {
        smooth *= 2;
        p = 1.0 / (smooth * totals[n]);
      } else {
        p = (double) matches[n] / totals[n];
      }
      precisions[n] = 100 * p;
      if (p == 0) {
        zero = true;
      } else {
        logSum += Math.log(p);
      }
    }
    double bp;
    if (hypLength == 0) {
      bp = 0;
    } else if (hypLength < refLength) {
      bp = Math.exp(1 - (double) refLength / hypLength);
    } else {
      bp = 1;
    }
    double bleu = zero ? 0 : 100 * bp * Math.exp(logSum / MAX_ORDER);
    return new Result(bleu, List.of(precisions), bp, hypLength, refLength);
  }

  private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
    Map<List<String>, Integer> counts = new HashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
    }
    return counts;
  }
}
