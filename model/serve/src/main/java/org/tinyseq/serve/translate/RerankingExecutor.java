package org.tinyseq.serve.translate;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinyseq.serve.decode.BusyException;
import org.tinyseq.serve.decode.Decoded;
import org.tinyseq.serve.decode.GreedyDecoder;

/**
 * Runs noisy-channel reranked translations on threads of their own, at most {@code queueCapacity}
 * waiting: beyond that a request fails at once with {@link BusyException}, like the batcher's. One
 * request is one beam search with its N best plus one teacher-forced batch of the other direction
 * (a few milliseconds), so requests are not batched with each other.
 */
public final class RerankingExecutor implements AutoCloseable {
  private final ThreadPoolExecutor pool;

  public RerankingExecutor(int threads, int queueCapacity) {
    AtomicInteger n = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(queueCapacity),
            r -> {
              Thread t = new Thread(r, "translate-rerank-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** The reranked translation of normalised {@code input}; never throws. */
  public CompletableFuture<Decoded> submit(
      GreedyDecoder direct,
      GreedyDecoder channel,
      int beam,
      double lambda,
      String input,
      int maxSteps) {
    try {
      NoisyChannelReranker reranker = new NoisyChannelReranker(direct, channel, beam, lambda);
      return CompletableFuture.supplyAsync(() -> reranker.translate(input, maxSteps), pool);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new BusyException("translate rerank queue is full"));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void close() {
    pool.shutdown();
  }
}
