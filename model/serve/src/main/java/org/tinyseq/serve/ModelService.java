package org.tinyseq.serve;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Translation and chat replies from the loaded models: validation, result cache, dynamic batching
 * and hot swap of models behind one small interface. The only API of the serving module that the
 * bot uses. Thread-safe.
 */
public interface ModelService extends AutoCloseable {

  /**
   * Loads the models (the newest valid bundle of each kind in {@code modelsDir}, else the embedded
   * default when {@code useDefaults}) and starts the directory watcher when {@code watch}.
   */
  static ModelService create(ServiceConfig config) {
    return new DefaultModelService(config);
  }

  /**
   * Answers {@code text}. The future never completes exceptionally: every failure is a {@link
   * Reply} with a non-OK {@link Status}. It may complete on a decoder thread: keep dependent
   * actions short or use the {@code *Async} variants.
   */
  CompletableFuture<Reply> submit(Command command, String text);

  /**
   * An answer available without decoding: a cached reply for the current model, or the rejection of
   * an invalid input (EMPTY_INPUT, TOO_LONG, INVALID_INPUT, UNAVAILABLE). Empty when a decode is
   * needed; then call {@link #submit}.
   */
  Optional<Reply> cached(Command command, String text);

  /** The model serving {@code command}; {@link ModelInfo#available()} is false when none is. */
  ModelInfo info(Command command);

  /** Rescans the models directory now (as the watcher does) and reports what it did. */
  ReloadReport reload();

  /** Counters since start: cache, queue, batches, swaps, failed loads, outcomes by command. */
  ServiceStats stats();

  /** Adds a listener for metrics callbacks. */
  void addListener(ServiceListener listener);

  /** Stops the watcher and the decoders after the queued work; later requests are UNAVAILABLE. */
  @Override
  void close();
}
