package org.tinyseq.train.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What preparation did with one source of a corpus (one entry of a manifest's {@code
 * corpus.sources}).
 *
 * @param name the source's short name
 * @param path where it was read from
 * @param sha256 its checksum (how {@code eval} recognises it)
 * @param pairsRead pairs read
 * @param malformedSkipped malformed lines or entries skipped
 * @param droppedEmpty pairs with an empty side after normalisation
 * @param droppedTooLong pairs over a length limit
 * @param trainPairs pairs on the training side (before any augmentation or subset)
 * @param validationPairs pairs on the validation side
 */
public record SourceCounts(
    String name,
    String path,
    String sha256,
    int pairsRead,
    int malformedSkipped,
    int droppedEmpty,
    int droppedTooLong,
    int trainPairs,
    int validationPairs) {

  /** The counts as manifest entries (insertion-ordered). */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", name);
    map.put("path", path);
    map.put("sha256", sha256);
    map.put("pairsRead", pairsRead);
    map.put("malformedSkipped", malformedSkipped);
    map.put("droppedEmpty", droppedEmpty);
    map.put("droppedTooLong", droppedTooLong);
    map.put("trainPairs", trainPairs);
    map.put("validationPairs", validationPairs);
    return map;
  }
}
