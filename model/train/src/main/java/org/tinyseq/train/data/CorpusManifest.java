package org.tinyseq.train.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bundle manifest's {@code corpus} map: what the model was trained on, and how {@code eval}
 * recognises it again.
 *
 * <p>A single source gives the same keys as ever ({@code name, path, sha256, pairsRead, ...}). A
 * combined corpus gives the totals under the same keys ({@code path} lists the sources, {@code
 * sha256} is the combined identity of {@link Corpus#combine}) plus {@code sources}: one map per
 * source with its own checksum and counts ({@link SourceCounts#toMap()}). {@code lowercasedCopies}
 * appears when the training side has lower-cased copies.
 */
public final class CorpusManifest {
  public static final String KEY_SOURCES = "sources";

  private CorpusManifest() {}

  public static Map<String, Object> entry(Corpus corpus, PreparedData prepared) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", corpus.name());
    map.put("path", corpus.location());
    map.put("sha256", corpus.sha256());
    map.put("pairsRead", corpus.pairs().size());
    map.put("malformedSkipped", corpus.skipped());
    map.put("droppedEmpty", prepared.droppedEmpty());
    map.put("droppedTooLong", prepared.droppedTooLong());
    map.put("trainPairs", prepared.train().size());
    map.put("validationPairs", prepared.validation().size());
    if (prepared.lowercasedCopies() > 0) {
      map.put("lowercasedCopies", prepared.lowercasedCopies());
    }
    if (corpus.isCombined()) {
      map.put(KEY_SOURCES, prepared.sources().stream().map(SourceCounts::toMap).toList());
    }
    return map;
  }

  /**
   * The checksums of the sources a manifest's {@code corpus} map names: those of its {@code
   * sources} list, or its own {@code sha256} for a single source; empty when it names none.
   */
  public static List<String> sourceChecksums(Map<String, ?> corpus) {
    List<String> out = new ArrayList<>();
    if (corpus == null) {
      return out;
    }
    if (corpus.get(KEY_SOURCES) instanceof List<?> sources && !sources.isEmpty()) {
      for (Object source : sources) {
        if (source instanceof Map<?, ?> m && m.get("sha256") != null) {
          out.add(m.get("sha256").toString());
        }
      }
    } else if (corpus.get("sha256") != null) {
      out.add(corpus.get("sha256").toString());
    }
    return out;
  }
}
