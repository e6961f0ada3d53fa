package org.tinyseq.train.chat;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tinyseq.serve.text.TextNormalizer;

/**
 * Cosine between the character-trigram count vectors of two texts (normalised, lower-cased, a space
 * added at both ends): the example memory's similarity, here between a message and a reply, so that
 * retrieval alone can rank the 20 replies of hits@1/20.
 */
final class TrigramCosine {
  private TrigramCosine() {}

  static double of(String a, String b) {
    Map<String, Integer> x = trigrams(a);
    Map<String, Integer> y = trigrams(b);
    double dot = 0;
    for (var e : x.entrySet()) {
      dot += (double) e.getValue() * y.getOrDefault(e.getKey(), 0);
    }
    double norms = norm(x) * norm(y);
    return norms == 0 ? 0 : dot / norms;
  }

  private static Map<String, Integer> trigrams(String text) {
    int[] cp =
        (" " + TextNormalizer.normalize(text).toLowerCase(Locale.ROOT) + " ")
            .codePoints()
            .toArray();
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i + 3 <= cp.length; i++) {
      out.merge(new String(cp, i, 3), 1, Integer::sum);
    }
    return out;
  }

  private static double norm(Map<String, Integer> v) {
    double s = 0;
    for (int c : v.values()) {
      s += (double) c * c;
    }
    return Math.sqrt(s);
  }
}
