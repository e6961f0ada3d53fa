package org.tinyseq.serve.registry;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where swapped-out models close their batchers: one daemon thread, never the decoder thread that
 * released a model's last reference (closing a batcher from its own worker would wait for itself).
 * After {@link #close} a late release gets a thread of its own.
 */
final class RetireThread implements Executor, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RetireThread.class);

  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "tinyseq-model-retire");
            t.setDaemon(true);
            return t;
          });

  @Override
  public void execute(Runnable closeBatcher) {
    try {
      thread.execute(closeBatcher);
    } catch (RejectedExecutionException e) {
      Thread t = new Thread(closeBatcher, "tinyseq-model-retire-late");
      t.setDaemon(true);
      t.start();
    }
  }

  /** Waits (up to 30 s) for the batchers being closed. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("Decoders still busy 30 s after close; leaving them to finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
