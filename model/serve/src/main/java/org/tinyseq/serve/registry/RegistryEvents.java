package org.tinyseq.serve.registry;

/**
 * What the registry tells its owner (for metrics); called on the scanning thread. Every event is
 * ignored unless overridden.
 */
public interface RegistryEvents {
  /** Ignores every event. */
  RegistryEvents NONE = new RegistryEvents() {};

  default void onSwap(String kind, String version) {}

  default void onLoadFailure(String path, String reason) {}

  /** A model's batcher decoded {@code size} sources together (called on its worker thread). */
  default void onBatch(int size) {}
}
