package org.tinyseq.train.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tinyseq.train.data.TextPair;

/**
 * The translation-memory baseline: answers a source with the target of the most similar training
 * source. Similarity is the cosine between character-trigram count vectors of the lower-cased
 * sources (padded with a space at each end, so short sentences and word boundaries count), found
 * through an inverted index from trigram to the training sources that contain it. Of several
 * training pairs with the same source, the first one's target is kept; ties go to the earlier
 * training source. A source sharing no trigram with any training source gets an empty answer.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class TranslationMemory {
  private final List<String> targets = new ArrayList<>();
  private final Map<String, Integer> trigramIds = new HashMap<>();
  // Postings in compressed-row form: trigram t occupies [postingStart[t], postingStart[t + 1]).
  private final int[] postingStart;
  private final int[] postingDocs;
  private final int[] postingCounts;
  private final double[] norms;

  private TranslationMemory(List<TextPair> training) {
    Map<String, Integer> seen = new HashMap<>();
    List<int[]> docTrigrams = new ArrayList<>(); // per source: trigram ids, then their counts
    List<Double> normList = new ArrayList<>();
    int[] perTrigram = new int[16];
    for (TextPair pair : training) {
      String key = key(pair.source());
      if (seen.putIfAbsent(key, targets.size()) != null) {
        continue;
      }
      targets.add(pair.target());
      Map<String, Integer> grams = trigrams(key);
      int[] idsAndCounts = new int[2 * grams.size()];
      int i = 0;
      double squares = 0;
      for (Map.Entry<String, Integer> e : grams.entrySet()) {
        int id = trigramIds.computeIfAbsent(e.getKey(), k -> trigramIds.size());
        if (id == perTrigram.length) {
          perTrigram = Arrays.copyOf(perTrigram, 2 * id);
        }
        perTrigram[id]++;
        idsAndCounts[i] = id;
        idsAndCounts[grams.size() + i] = e.getValue();
        squares += (double) e.getValue() * e.getValue();
        i++;
      }
      docTrigrams.add(idsAndCounts);
      normList.add(Math.sqrt(squares));
    }
    int trigramCount = trigramIds.size();
    postingStart = new int[trigramCount + 1];
    for (int t = 0; t < trigramCount; t++) {
      postingStart[t + 1] = postingStart[t] + perTrigram[t];
    }
    postingDocs = new int[postingStart[trigramCount]];
    postingCounts = new int[postingStart[trigramCount]];
    int[] fill = Arrays.copyOf(postingStart, trigramCount);
    for (int doc = 0; doc < docTrigrams.size(); doc++) {
      int[] idsAndCounts = docTrigrams.get(doc);
      int n = idsAndCounts.length / 2;
      for (int i = 0; i < n; i++) {
        int slot = fill[idsAndCounts[i]]++;
        postingDocs[slot] = doc; // docs ascend within each posting list
        postingCounts[slot] = idsAndCounts[n + i];
      }
    }
    norms = normList.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Indexes the training pairs (normalised text expected). */
  public static TranslationMemory build(List<TextPair> training) {
    return new TranslationMemory(training);
  }

  /** Distinct training sources indexed. */
  public int size() {
    return targets.size();
  }

  /** The target of the most similar training source, or "" when nothing is similar. */
  public String translate(String source) {
    return translateAll(List.of(source)).get(0);
  }

  /** {@link #translate} for each source, reusing one score buffer. */
  public List<String> translateAll(List<String> sources) {
    double[] dots = new double[targets.size()];
    int[] touched = new int[targets.size()];
    List<String> out = new ArrayList<>(sources.size());
    for (String source : sources) {
      int touchedCount = 0;
      double querySquares = 0;
      for (Map.Entry<String, Integer> e : trigrams(key(source)).entrySet()) {
        int q = e.getValue();
        querySquares += (double) q * q;
        Integer id = trigramIds.get(e.getKey());
        if (id == null) {
          continue;
        }
        for (int i = postingStart[id]; i < postingStart[id + 1]; i++) {
          int doc = postingDocs[i];
          if (dots[doc] == 0) {
            touched[touchedCount++] = doc;
          }
          dots[doc] += (double) q * postingCounts[i];
        }
      }
      int best = -1;
      double bestScore = 0;
      for (int i = 0; i < touchedCount; i++) {
        int doc = touched[i];
        double score = dots[doc] / norms[doc];
        if (score > bestScore || (score == bestScore && doc < best)) {
          best = doc;
          bestScore = score;
        }
        dots[doc] = 0;
      }
      // The query norm is the same for every candidate, so it does not change the ranking.
      out.add(best < 0 || querySquares == 0 ? "" : targets.get(best));
    }
    return out;
  }

  private static String key(String source) {
    return " " + source.toLowerCase(Locale.ROOT).strip() + " ";
  }

  private static Map<String, Integer> trigrams(String padded) {
    Map<String, Integer> counts = new HashMap<>();
    int[] cps = padded.codePoints().toArray();
    if (cps.length <= 2) {
      return counts; // only the padding: empty source
    }
    for (int i = 0; i + 3 <= cps.length; i++) {
      counts.merge(new String(cps, i, 3), 1, Integer::sum);
    }
    return counts;
  }
}
