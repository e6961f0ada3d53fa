package org.tinyseq.train.memory;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyseq.serve.memory.MemoryFile;

/** The manifest's {@code metrics.memory} map: what the memory holds and how it scored. */
public final class MemoryMetrics {
  public static final String SIMILARITY = "char-trigram-cosine";
  public static final String TIE_RULE = "most frequent target, then shortest, then lexicographic";

  private MemoryMetrics() {}

  /**
   * @param entries distinct sources in the memory
   * @param trainingPairs training pairs it was built from
   * @param scores the threshold and figures chosen on validation, null when there is no validation
   *     split (the threshold is then 1: exact matches only)
   */
  public static Map<String, Object> of(
      int entries, int trainingPairs, ThresholdChoice.Scores scores) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", MemoryFile.FILE_NAME);
    m.put("entries", entries);
    m.put("trainingPairs", trainingPairs);
    m.put("similarity", SIMILARITY);
    m.put("tieRule", TIE_RULE);
    if (scores == null) {
      m.put("threshold", 1.0);
      m.put("chosenOn", "nothing (no validation split): exact matches only");
    } else {
      m.put("chosenOn", "validation: the threshold maximising combined BLEU");
      m.putAll(scores.toMetrics());
    }
    return m;
  }
}
