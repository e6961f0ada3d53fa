package org.tinyseq.train.eval;

import java.util.ArrayList;
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
  private final List<int[]> postingDocs = new ArrayList<>();
  private final List<int[]> postingCounts = new ArrayList<>();
  private final double[] norms;

  private TranslationMemory(List<TextPair> training) {
    Map<String, Integer> seen = new HashMap<>();
    List<List<int[]>> postings = new ArrayList<>(); // per trigram: {doc, count} entries
    List<Double> normList = new ArrayList<>();
    for (TextPair pair : training) {
      String key = key(pair.source());
      if (seen.putIfAbsent(key, targets.size()) != null) {
        continue;
      }
      int doc = targets.size();
      targets.add(pair.target());
      double squares = 0;
      for (Map.Entry<String, Integer> e : trigrams(key).entrySet()) {
        int id = trigramIds.computeIfAbsent(e.getKey(), k -> trigramIds.size());
        if (id == postings.size()) {
          postings.add(new ArrayList<>());
        }
        postings.get(id).add(new int[] {doc, e.getValue()});
        squares += (double) e.getValue() * e.getValue();
      }
      normList.add(Math.sqrt(squares));
    }
    for (List<int[]> list : postings) {
      int[] docs = new int[list.size()];
      int[] counts = new int[list.size()];
      for (int i = 0; i < docs.length; i++) {
        docs[i] = list.get(i)[0];
        counts[i] = list.get(i)[1];
      }
      postingDocs.add(docs);
      postingCounts.add(counts);
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
        int[] docs = postingDocs.get(id);
        int[] counts = postingCounts.get(id);
        for (int i = 0; i < docs.length; i++) {
          if (dots[docs[i]] == 0) {
            touched[touchedCount++] = docs[i];
          }
          dots[docs[i]] += (double) q * counts[i];
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
