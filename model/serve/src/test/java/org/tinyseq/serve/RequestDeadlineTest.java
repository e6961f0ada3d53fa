package org.tinyseq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.registry.ModelDirs;

/**
 * The service's deadlines reach the decoder: with the only decode worker stuck, a queued request
 * whose caller timed out is never decoded, and a decode shared through the cache ends at the shared
 * deadline. No sleeps: the waits are on replies, whose order the JDK's one delay thread fixes.
 */
class RequestDeadlineTest {
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  @TempDir Path root;
  private DefaultModelService service;
  private final StuckWorker stuck = new StuckWorker();

  @BeforeEach
  void start() throws Exception {
    ModelDirs.write(root, "chat", "c1", 1, 1);
    service =
        ServiceFixture.service(
            ServiceFixture.builder(root)
                .requestTimeout(TIMEOUT)
                .batcher(new BatcherConfig(8, Duration.ZERO, 16, 1))
                .build());
    service.addListener(stuck);
  }

  @AfterEach
  void stop() {
    stuck.release();
    service.close();
  }

  @Test
  void aQueuedDecodeWhoseCallerTimedOutIsNeverStarted() throws Exception {
    CompletableFuture<Reply> first = service.submit(Command.CHAT, "abc");
    stuck.awaitStuck();
    Reply queued = service.submit(Command.CHAT, "bca").join();
    assertEquals(Status.TIMEOUT, queued.status());
    assertEquals(0, service.stats().queueDepth(), "the timed-out request left the queue");
    CompletableFuture<Reply> next = service.submit(Command.CHAT, "cab");
    stuck.release();
    first.join();
    next.join();
    // "bca" queued before "cab": had it stayed, the worker would have taken both in one batch.
    assertEquals(List.of(1, 1), stuck.batches);
  }

  @Test
  void aSharedDecodeEndsAtTheSharedDeadlineAndLeavesTheCache() throws Exception {
    CompletableFuture<Reply> first = service.submit(Command.CHAT, "abc");
    stuck.awaitStuck();
    Reply joined = service.submit(Command.CHAT, "abc").join();
    assertEquals(Status.TIMEOUT, joined.status());
    assertEquals(Status.TIMEOUT, first.join().status());
    assertEquals(1, service.stats().cacheMisses(), "the second request joined the first's decode");
    // Submitted after the first request's timeout, this one times out after the shared deadline
    // (twice the timeout from the first request).
    assertEquals(Status.TIMEOUT, service.submit(Command.CHAT, "bca").join().status());
    CompletableFuture<Reply> again = service.submit(Command.CHAT, "abc");
    assertEquals(3, service.stats().cacheMisses(), "the stuck decode left the cache: a new one");
    stuck.release();
    assertTrue(again.join().status() == Status.OK || again.join().status() == Status.TIMEOUT);
  }
}
