package org.tinyseq.bot.discord;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bot's interaction executor: a fixed number of threads and a bounded queue. Discord wants a
 * first answer within 3 seconds; an interaction queued behind a long burst would miss it, so when
 * the queue is full {@code execute} throws {@link java.util.concurrent.RejectedExecutionException}
 * at once and the caller answers "busy" right away (see {@link InteractionListener}).
 */
public final class InteractionExecutor {
  private InteractionExecutor() {}

  /**
   * @param threads worker threads
   * @param queueCapacity tasks that may wait for a thread
   */
  public static ExecutorService bounded(int threads, int queueCapacity, ThreadFactory factory) {
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueCapacity),
        factory,
        new ThreadPoolExecutor.AbortPolicy());
  }
}
