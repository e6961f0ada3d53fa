package org.tinyseq.serve.chat;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tinyseq.serve.decode.BusyException;

/**
 * Runs a {@link ChatAnswerer} for the service on worker threads of its own: a request's candidates
 * are already a batch (one encoder pass, all candidates advance together), so requests need no
 * batching with each other. A full queue answers {@link BusyException} at once, as the decode
 * batcher does.
 */
public final class ChatRanker implements AutoCloseable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ChatAnswerer answerer;
  private final ThreadPoolExecutor workers;

  /**
   * @param threads worker threads
   * @param queueCapacity most requests waiting for a worker
   */
  public ChatRanker(ChatAnswerer answerer, int threads, int queueCapacity) {
    this.answerer = answerer;
    int pool = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(Math.max(1, queueCapacity)),
            r -> {
              Thread t = new Thread(r, "chat-ranker-" + pool + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  public ChatAnswerer answerer() {
    return answerer;
  }

  /** The reply to a normalised message; a failed future (never an exception) on any failure. */
  public CompletableFuture<ChatReply> submit(String message) {
    try {
      return CompletableFuture.supplyAsync(() -> answerer.reply(message), workers);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          workers.isShutdown()
              ? new IllegalStateException("the chat ranker is closed")
              : new BusyException("chat ranker queue full"));
    }
  }

  /** Refuses new requests; those queued still run. */
  @Override
  public void close() {
    workers.shutdown();
  }
}
