package org.tinyseq.serve;

import java.time.Instant;
import java.util.Map;

/**
 * The model serving one kind.
 *
 * @param kind {@code translate} or {@code chat}
 * @param version the bundle's version label, empty when no model of this kind is loaded
 * @param location where the bundle was loaded from (a directory or {@code classpath:...})
 * @param metrics the bundle manifest's free-form metrics (validation loss, BLEU, ...)
 * @param loadedAt when this model started serving, null when none is loaded
 * @param memoryEntries distinct training sources in the bundle's example memory, 0 without one
 * @param memoryThreshold the memory answers matches scoring at least this; NaN without a memory
 * @param memoryOn true when requests are answered from the memory (it exists and the service has it
 *     on)
 */
public record ModelInfo(
    String kind,
    String version,
    String location,
    Map<String, Object> metrics,
    Instant loadedAt,
    int memoryEntries,
    double memoryThreshold,
    boolean memoryOn) {

  /** A model without an example memory. */
  public ModelInfo(
      String kind, String version, String location, Map<String, Object> metrics, Instant loadedAt) {
    this(kind, version, location, metrics, loadedAt, 0, Double.NaN, false);
  }

  /** True when a model of this kind is serving. */
  public boolean available() {
    return !version.isEmpty();
  }
}
