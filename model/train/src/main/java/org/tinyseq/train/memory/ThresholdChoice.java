package org.tinyseq.train.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryMatch;
import org.tinyseq.train.eval.Bleu;
import org.tinyseq.train.eval.EvaluationReport;
import org.tinyseq.train.eval.Evaluator;

/**
 * Chooses a memory's threshold on held-out pairs: the value that maximises the corpus BLEU of the
 * combined system (the memory's answer where its best match scores at least the threshold, the
 * decoder's elsewhere). The candidates are 1 (exact matches only) and every best-match score below
 * it; the sweep goes from high to low adding the sentences of each score, with BLEU's sufficient
 * statistics summed, so it costs one pass. Of equal BLEU the higher threshold wins (the memory
 * answers no more than it must). Exact matches always go to the memory: the threshold never exceeds
 * 1, and validation (grouped by source) holds none to argue otherwise.
 */
public final class ThresholdChoice {
  private ThresholdChoice() {}

  /**
   * The three systems side by side on the same sentences.
   *
   * @param threshold the memory answers matches scoring at least this
   * @param combined memory at or above the threshold, decoder below
   * @param memoryOnly the memory's best match for every sentence ("" when nothing matches)
   * @param decoderOnly the decoder for every sentence
   * @param memoryShare percentage of sentences the combined system answers from the memory
   * @param memoryCoverage percentage of sentences the memory has any match for
   */
  public record Scores(
      double threshold,
      EvaluationReport combined,
      EvaluationReport memoryOnly,
      EvaluationReport decoderOnly,
      double memoryShare,
      double memoryCoverage) {

    /** The figures under the names of the manifest's {@code metrics.memory} map. */
    public Map<String, Object> toMetrics() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("threshold", threshold);
      m.put("evaluatedSentences", combined.sentences());
      Map<String, Object> c = new LinkedHashMap<>(combined.toMetrics());
      c.remove("evaluatedSentences");
      c.put("answeredByMemory", round(memoryShare));
      m.put("combined", c);
      Map<String, Object> mem = new LinkedHashMap<>(memoryOnly.toMetrics());
      mem.remove("evaluatedSentences");
      mem.put("answered", round(memoryCoverage));
      m.put("memoryOnly", mem);
      Map<String, Object> dec = new LinkedHashMap<>(decoderOnly.toMetrics());
      dec.remove("evaluatedSentences");
      m.put("decoderOnly", dec);
      return m;
    }
  }

  /** Chooses the threshold and scores the three systems with it. */
  public static Scores choose(
      ExampleMemory memory, List<String> sources, List<String> references, List<String> decoded) {
    List<MemoryMatch> matches = sources.stream().map(memory::lookup).toList();
    int n = sources.size();
    long[][] memStats = new long[n][];
    long[][] decStats = new long[n][];
    long[] sum = new long[2 * Bleu.MAX_ORDER + 2];
    for (int i = 0; i < n; i++) {
      decStats[i] = Bleu.sentenceStats(decoded.get(i), references.get(i));
      add(sum, decStats[i], 1);
      if (matches.get(i) != null) {
        memStats[i] = Bleu.sentenceStats(matches.get(i).target(), references.get(i));
      }
    }
    Integer[] order =
        IntStream.range(0, n).filter(i -> matches.get(i) != null).boxed().toArray(Integer[]::new);
    Arrays.sort(
        order,
        Comparator.comparingDouble((Integer i) -> -matches.get(i).score()).thenComparing(i -> i));
    int k = 0;
    while (k < order.length && matches.get(order[k]).score() >= 1.0) {
      swap(sum, decStats[order[k]], memStats[order[k]]);
      k++;
    }
    double bestThreshold = 1.0;
    double bestBleu = Bleu.fromStats(sum).score();
    while (k < order.length) {
      double s = matches.get(order[k]).score();
      while (k < order.length && matches.get(order[k]).score() == s) {
        swap(sum, decStats[order[k]], memStats[order[k]]);
        k++;
      }
      double b = Bleu.fromStats(sum).score();
      if (b > bestBleu) {
        bestBleu = b;
        bestThreshold = s;
      }
    }
    return score(matches, bestThreshold, references, decoded);
  }

  /** The three systems with a given threshold (e.g. the one a bundle stores). */
  public static Scores score(
      ExampleMemory memory,
      double threshold,
      List<String> sources,
      List<String> references,
      List<String> decoded) {
    return score(sources.stream().map(memory::lookup).toList(), threshold, references, decoded);
  }

  private static Scores score(
      List<MemoryMatch> matches, double threshold, List<String> references, List<String> decoded) {
    int n = matches.size();
    List<String> combined = new ArrayList<>(n);
    List<String> memoryOnly = new ArrayList<>(n);
    int fromMemory = 0;
    int covered = 0;
    for (int i = 0; i < n; i++) {
      MemoryMatch m = matches.get(i);
      memoryOnly.add(m == null ? "" : m.target());
      covered += m == null ? 0 : 1;
      if (m != null && m.score() >= threshold) {
        combined.add(m.target());
        fromMemory++;
      } else {
        combined.add(decoded.get(i));
      }
    }
    return new Scores(
        threshold,
        Evaluator.evaluate(combined, references),
        Evaluator.evaluate(memoryOnly, references),
        Evaluator.evaluate(decoded, references),
        n == 0 ? 0 : 100.0 * fromMemory / n,
        n == 0 ? 0 : 100.0 * covered / n);
  }

  private static void swap(long[] sum, long[] out, long[] in) {
    add(sum, out, -1);
    add(sum, in, 1);
  }

  private static void add(long[] sum, long[] s, int sign) {
    for (int i = 0; i < sum.length; i++) {
      sum[i] += sign * s[i];
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
