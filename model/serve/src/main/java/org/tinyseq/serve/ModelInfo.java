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
 */
public record ModelInfo(
    String kind, String version, String location, Map<String, Object> metrics, Instant loadedAt) {

  /** True when a model of this kind is serving. */
  public boolean available() {
    return !version.isEmpty();
  }
}
