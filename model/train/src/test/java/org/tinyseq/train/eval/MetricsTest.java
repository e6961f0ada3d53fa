package org.tinyseq.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values are derived by hand below and agree with sacrebleu 2.6.0. */
class MetricsTest {
  private static final double EPS = 1e-9;

  @Test
  void tokenizesChineseByCharacterAndEnglishByWord() {
    assertEquals(
        List.of("Hello", ",", "world", "!", "你", "好", "。", "R2D2"),
        MetricTokenizer.tokens("Hello, world!你好。 R2D2"));
  }

  @Test
  void tokenizesEnglishAsSacrebleu13a() {
    // sacrebleu 2.x, tokenize="13a" (the regexes of tokenizer_13a.py applied by hand).
    assertEquals(
        List.of(
            "I",
            "don't",
            "know",
            ",",
            "it's",
            "3.5",
            "well-known",
            "1990",
            "-",
            "2000",
            "(",
            "a",
            "/",
            "b",
            ")",
            "$",
            "5",
            "!",
            "\"",
            "Ok",
            "\"",
            "."),
        MetricTokenizer.tokens("I don't know, it's 3.5 well-known 1990-2000 (a/b) $5! \"Ok\"."));
    assertEquals(List.of("1,000", "and", "2", ",", "x"), MetricTokenizer.tokens("1,000 and 2, x"));
  }

  @Test
  void identicalTranslationsScoreOneHundred() {
    List<String> refs = List.of("我很好。", "The cat sat on the mat.");
    EvaluationReport report = Evaluator.evaluate(refs, refs);
    assertEquals(100, report.bleu(), EPS);
    assertEquals(100, report.chrF(), EPS);
    assertEquals(100, report.exactMatch(), EPS);
    assertEquals(1, report.brevityPenalty(), EPS);
  }

  @Test
  void shortHypothesisPaysTheBrevityPenalty() {
    // Every n-gram of the 6-character hypothesis is in the 7-character reference: p_n = 1,
    // BP = exp(1 - 7/6). sacrebleu (tokenize zh): 84.64817248906144.
    Bleu.Result bleu = Bleu.corpus(List.of("猫坐在垫子上"), List.of("猫坐在垫子上了"));
    assertEquals(100 * Math.exp(1 - 7.0 / 6), bleu.score(), EPS);
    assertEquals(84.64817248906144, bleu.score(), 1e-9);
  }

  @Test
  void ordersWithoutMatchesAreSmoothedGeometrically() {
    // p1 = 3/4, p2 = 1/3, p3 = 0/2 -> 1/(2*2), p4 = 0/1 -> 1/(4*1); BLEU = (1/64)^(1/4).
    Bleu.Result bleu = Bleu.corpus(List.of("a b c d"), List.of("a b x d"));
    double[] expected = {75, 100.0 / 3, 25, 25};
    for (int n = 0; n < 4; n++) {
      assertEquals(expected[n], bleu.precisions().get(n), EPS);
    }
    assertEquals(100 * Math.pow(1.0 / 64, 0.25), bleu.score(), EPS);
  }

  @Test
  void bleuIsCorpusLevel() {
    // sacrebleu 2.6.0, tokenize zh
    double bleu =
        Bleu.corpus(
                List.of("the cat sat on it.", "hello there", "我很好。"),
                List.of("the cat sat on the mat.", "hi there", "我好，谢谢。"))
            .score();
    assertEquals(29.588031349552907, bleu, 1e-9);
  }

  @Test
  void emptyHypothesesScoreZero() {
    EvaluationReport report = Evaluator.evaluate(List.of("", ""), List.of("好", "不好"));
    assertEquals(0, report.bleu(), EPS);
    assertEquals(0, report.chrF(), EPS);
    assertEquals(0, report.exactMatch(), EPS);
  }

  @Test
  void chrFAveragesPrecisionAndRecallOverOrders() {
    // Orders 1..6: precision 1; recall 6/7, 5/6, 4/5, 3/4, 2/3, 1/2.
    double recall = (6.0 / 7 + 5.0 / 6 + 4.0 / 5 + 3.0 / 4 + 2.0 / 3 + 1.0 / 2) / 6;
    double expected = 100 * 5 * recall / (4 + recall);
    assertEquals(expected, ChrF.corpus(List.of("猫坐在垫子上"), List.of("猫坐在垫子上了")), EPS);
    assertEquals(77.57103344229319, expected, 1e-9);
  }

  @Test
  void chrFIgnoresSpacesAndSumsOverTheCorpus() {
    assertEquals(100, ChrF.corpus(List.of("ab c"), List.of("a bc")), EPS);
    assertEquals(
        58.45887955966751, // sacrebleu 2.6.0
        ChrF.corpus(
            List.of("the cat sat on it", "hello there"),
            List.of("the cat sat on the mat", "hi there")),
        1e-9);
  }

  @Test
  void exactMatchComparesNormalisedText() {
    EvaluationReport report =
        Evaluator.evaluate(List.of("你好 ", "谢谢", "a"), List.of("你好", "不客气", "b"));
    assertEquals(100.0 / 3, report.exactMatch(), EPS);
    assertEquals(3, report.sentences());
  }
}
