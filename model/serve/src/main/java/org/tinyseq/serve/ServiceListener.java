package org.tinyseq.serve;

import java.time.Duration;

/**
 * Callbacks for metrics (e.g. Prometheus counters and timers in the bot). Every method has an empty
 * default; implementations must be fast and thread-safe: they run on request and decoder threads.
 * An exception thrown by a listener is logged and otherwise ignored.
 */
public interface ServiceListener {

  /**
   * One request answered, by {@link ModelService#submit} or by a hit of {@link ModelService#cached}
   * (a miss of {@code cached} is not reported: the following submit is).
   *
   * @param elapsed from the call to the answer (decode latency for uncached OK replies)
   * @param cached whether the answer came from the cache
   */
  default void onRequest(Command command, Status status, Duration elapsed, boolean cached) {}

  /** The decoder ran one batch of {@code size} sources together. */
  default void onBatch(int size) {}

  /** A model of {@code kind} started serving as {@code version}. */
  default void onSwap(String kind, String version) {}

  /**
   * The bundle at {@code path} was refused for {@code reason}; the previous model keeps serving.
   */
  default void onLoadFailure(String path, String reason) {}
}
