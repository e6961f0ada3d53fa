package org.tinyseq.bot.discord;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InteractionExecutorTest {
  @Test
  void aFullQueueRefusesAtOnceInsteadOfQueueingPastDiscordsDeadline() throws Exception {
    ExecutorService pool = InteractionExecutor.bounded(1, 2, Thread::new);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      pool.execute(
          () -> {
            running.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      assertTrue(running.await(30, TimeUnit.SECONDS));
      pool.execute(() -> {});
      pool.execute(() -> {});
      assertThrows(RejectedExecutionException.class, () -> pool.execute(() -> {}));
      assertTrue(InteractionListener.BUSY.ephemeral(), "the busy answer is for the asker only");
      assertTrue(InteractionListener.BUSY.text().contains("busy"));
    } finally {
      release.countDown();
      pool.shutdown();
    }
  }
}
