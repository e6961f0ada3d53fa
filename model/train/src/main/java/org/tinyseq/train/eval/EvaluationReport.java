package org.tinyseq.train.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores of a set of translations against their references. BLEU, chrF and exact match are
 * percentages (0 to 100).
 *
 * @param sentences number of hypothesis / reference pairs
 * @param bleu corpus BLEU-4 ({@link Bleu})
 * @param chrF corpus chrF2 ({@link ChrF})
 * @param exactMatch share of hypotheses equal to their reference after normalisation
 * @param bleuPrecisions BLEU's smoothed 1- to 4-gram precisions
 * @param brevityPenalty BLEU's brevity penalty
 * @param hypothesisTokens BLEU tokens in all hypotheses
 * @param referenceTokens BLEU tokens in all references
 * @param diversity how varied the hypotheses are (chat models; {@code null} otherwise)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationReport(
    int sentences,
    double bleu,
    double chrF,
    double exactMatch,
    List<Double> bleuPrecisions,
    double brevityPenalty,
    long hypothesisTokens,
    long referenceTokens,
    ReplyDiversity diversity) {

  /** The headline figures under the names a manifest's {@code metrics} map uses. */
  public Map<String, Object> toMetrics() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("bleu", round(bleu));
    map.put("chrF", round(chrF));
    map.put("exactMatch", round(exactMatch));
    map.put("evaluatedSentences", sentences);
    if (diversity != null) {
      map.putAll(diversity.toMetrics());
    }
    return map;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
