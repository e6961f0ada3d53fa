package org.tinyseq.serve.registry;

/** What the registry tells its owner (for metrics); called on the scanning thread. */
public interface RegistryEvents {
  void onSwap(String kind, String version);

  void onLoadFailure(String path, String reason);

  /** A model's batcher decoded {@code size} sources together (called on its worker thread). */
  void onBatch(int size);
}
