package org.tinyseq.train.eval;

import java.util.List;
import org.tinyseq.serve.text.TextNormalizer;

/**
 * Scores hypotheses against references: BLEU, chrF and exact match in one report, and for chat
 * replies also their {@link ReplyDiversity}.
 */
public final class Evaluator {
  private Evaluator() {}

  /** BLEU, chrF and exact match (translations). */
  public static EvaluationReport evaluate(List<String> hypotheses, List<String> references) {
    return evaluate(hypotheses, references, false);
  }

  /** As {@link #evaluate(List, List)}, with the replies' diversity when {@code chat}. */
  public static EvaluationReport evaluate(
      List<String> hypotheses, List<String> references, boolean chat) {
    if (hypotheses.size() != references.size()) {
      throw new IllegalArgumentException(
          hypotheses.size() + " hypotheses for " + references.size() + " references");
    }
    Bleu.Result bleu = Bleu.corpus(hypotheses, references);
    double chrF = ChrF.corpus(hypotheses, references);
    int exact = 0;
    for (int i = 0; i < hypotheses.size(); i++) {
      if (TextNormalizer.normalize(hypotheses.get(i))
          .equals(TextNormalizer.normalize(references.get(i)))) {
        exact++;
      }
    }
    double exactMatch = hypotheses.isEmpty() ? 0 : 100.0 * exact / hypotheses.size();
    return new EvaluationReport(
        hypotheses.size(),
        bleu.score(),
        chrF,
        exactMatch,
        bleu.precisions(),
        bleu.brevityPenalty(),
        bleu.hypothesisLength(),
        bleu.referenceLength(),
        chat ? ReplyDiversity.of(hypotheses) : null);
  }
}
