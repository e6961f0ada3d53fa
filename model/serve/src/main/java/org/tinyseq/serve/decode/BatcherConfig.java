package org.tinyseq.serve.decode;

import java.time.Duration;
import java.util.Objects;

/**
 * Dynamic batching settings of a {@link DecodeBatcher}.
 *
 * @param maxBatch most requests decoded together in one batch (1 disables batching)
 * @param maxWait longest a worker waits for more requests after taking the first one of a batch; it
 *     waits only while another worker is decoding (concurrent load), so a lone request is never
 *     delayed (zero: take only what is already queued)
 * @param queueCapacity most requests waiting; a submit beyond it fails at once with {@link
 *     BusyException}
 * @param threads worker threads, each decoding one batch at a time
 * @param beamSize hypotheses per request ({@link GreedyDecoder#decodeBatch(java.util.List, int,
 *     int)}); 1 is greedy decoding, the design's decoder
 */
public record BatcherConfig(
    int maxBatch, Duration maxWait, int queueCapacity, int threads, int beamSize) {
  // The one place of the batching defaults: the service, the bot (its configuration leaves these
  // keys empty) and model.jar bench use them, and docs/serving-*.md document them from here.

  /** Default {@link #maxBatch()}. */
  public static final int DEFAULT_MAX_BATCH = 64;

  /** Default {@link #maxWait()}, in milliseconds. */
  public static final int DEFAULT_MAX_WAIT_MS = 2;

  /** Default {@link #queueCapacity()}. */
  public static final int DEFAULT_QUEUE_CAPACITY = 1024;

  public BatcherConfig {
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxBatch < 1 || queueCapacity < 1 || threads < 1 || beamSize < 1 || maxWait.isNegative()) {
      throw new IllegalArgumentException(
          "batcher needs maxBatch, queueCapacity, threads, beamSize >= 1 and maxWait >= 0");
    }
  }

  /** Greedy decoding (a beam of 1). */
  public BatcherConfig(int maxBatch, Duration maxWait, int queueCapacity, int threads) {
    this(maxBatch, maxWait, queueCapacity, threads, 1);
  }

  /**
   * {@value #DEFAULT_MAX_BATCH} a batch, {@value #DEFAULT_MAX_WAIT_MS} ms wait, {@value
   * #DEFAULT_QUEUE_CAPACITY} queued, one worker per available processor, greedy.
   */
  public static BatcherConfig defaults() {
    return new BatcherConfig(
        DEFAULT_MAX_BATCH,
        Duration.ofMillis(DEFAULT_MAX_WAIT_MS),
        DEFAULT_QUEUE_CAPACITY,
        Runtime.getRuntime().availableProcessors());
  }
}
