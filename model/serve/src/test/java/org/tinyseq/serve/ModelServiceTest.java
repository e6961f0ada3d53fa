package org.tinyseq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.decode.BusyException;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.registry.ModelDirs;

class ModelServiceTest {
  @TempDir Path root;
  private DefaultModelService service;

  @AfterEach
  void close() {
    if (service != null) {
      service.close();
    }
  }

  private DefaultModelService start(ServiceConfig config) {
    service = ServiceFixture.service(config);
    return service;
  }

  private Reply ask(Command c, String text) {
    return service.submit(c, text).join();
  }

  @Test
  void answersWithTheServingModelsOwnDecodingThenFromTheCache() throws Exception {
    Path v1 = ModelDirs.write(root, "translate", "v1", 1, 1);
    start(ServiceFixture.config(root));
    Reply first = ask(Command.TRANSLATE, "  abc\tde ");
    assertEquals(Status.OK, first.status(), first.error());
    assertEquals("v1", first.modelVersion());
    assertEquals(ModelDirs.decode(v1, "abc de", ServiceFixture.MAX_STEPS), first.text());
    assertFalse(first.cached());
    Reply second = ask(Command.TRANSLATE, "abc de");
    assertTrue(second.cached(), "same normalised input");
    assertEquals(first.text(), second.text());
    Optional<Reply> immediate = service.cached(Command.TRANSLATE, "abc   de");
    assertTrue(immediate.isPresent());
    assertTrue(immediate.get().cached());
    assertEquals(first.text(), immediate.get().text());
    assertTrue(service.cached(Command.TRANSLATE, "abc d").isEmpty());
    assertEquals("v1", service.info(Command.TRANSLATE).version());
  }

  @Test
  void identicalConcurrentRequestsShareOneDecode() throws Exception {
    ModelDirs.write(root, "chat", "c1", 1, 1);
    start(ServiceFixture.config(root));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<java.util.concurrent.Future<Reply>> replies = new java.util.ArrayList<>();
    for (int i = 0; i < 64; i++) {
      replies.add(
          pool.submit(
              () -> {
                go.await();
                return service.submit(Command.CHAT, "fade cab").join();
              }));
    }
    go.countDown();
    String text = null;
    for (var f : replies) {
      Reply r = f.get(30, TimeUnit.SECONDS);
      assertEquals(Status.OK, r.status());
      text = text == null ? r.text() : text;
      assertEquals(text, r.text());
    }
    pool.shutdown();
    ServiceStats stats = service.stats();
    assertEquals(1, stats.cacheMisses(), "one request decoded, 63 shared or hit it");
    assertEquals(63, stats.cacheHits());
    assertEquals(1, stats.batchedSources(), "the decoder saw the text once");
  }

  @Test
  void aSwappedModelNeverServesTheOldAnswer() throws Exception {
    ModelDirs.write(root, "translate", "v1", 1, 1);
    start(ServiceFixture.config(root));
    ask(Command.TRANSLATE, "gab");
    assertTrue(service.cached(Command.TRANSLATE, "gab").isPresent());
    Path v2 = ModelDirs.write(root, "translate", "v2", 2, 2);
    ReloadReport report = service.reload();
    assertEquals(List.of("v2"), report.loaded());
    assertEquals("v2", report.current().get("translate"));
    assertTrue(service.cached(Command.TRANSLATE, "gab").isEmpty(), "v1's answer is not v2's");
    Reply r = ask(Command.TRANSLATE, "gab");
    assertFalse(r.cached());
    assertEquals("v2", r.modelVersion());
    assertEquals(ModelDirs.decode(v2, "gab", ServiceFixture.MAX_STEPS), r.text());
  }

  @Test
  void badInputGetsAShortClearStatus() throws Exception {
    ModelDirs.write(root, "chat", "c1", 1, 1);
    start(ServiceFixture.config(root));
    assertEquals(Status.EMPTY_INPUT, ask(Command.CHAT, "").status());
    assertEquals(Status.EMPTY_INPUT, ask(Command.CHAT, null).status());
    assertEquals(Status.EMPTY_INPUT, ask(Command.CHAT, " \u200b\n\t ").status());
    Reply control = ask(Command.CHAT, "ab\u0007c");
    assertEquals(Status.INVALID_INPUT, control.status());
    assertTrue(control.error().contains("U+0007"), control.error());
    assertEquals(Status.OK, ask(Command.CHAT, "ab\r\nc").status(), "ordinary whitespace is fine");
    Reply tooLong = ask(Command.CHAT, "a".repeat(31));
    assertEquals(Status.TOO_LONG, tooLong.status());
    assertTrue(tooLong.error().contains("30 characters"), tooLong.error());
    Reply huge = ask(Command.CHAT, "a".repeat(100_000));
    assertEquals(Status.TOO_LONG, huge.status());
    Reply modelLimit = ask(Command.CHAT, "a".repeat(21));
    assertEquals(Status.TOO_LONG, modelLimit.status(), "TestBundles models read 20 characters");
    assertTrue(modelLimit.error().contains("at most 20 characters"), modelLimit.error());
    assertEquals(Status.OK, ask(Command.CHAT, "a".repeat(20)).status());
    Optional<Reply> immediate = service.cached(Command.CHAT, "");
    assertEquals(Status.EMPTY_INPUT, immediate.orElseThrow().status());
    assertEquals(2, service.stats().requests(Command.CHAT, Status.OK));
    assertEquals(3, service.stats().requests(Command.CHAT, Status.TOO_LONG));
  }

  @Test
  void aKindWithoutModelIsUnavailable() throws Exception {
    ModelDirs.write(root, "translate", "v1", 1, 1);
    start(ServiceFixture.config(root));
    Reply r = ask(Command.CHAT, "hello");
    assertEquals(Status.UNAVAILABLE, r.status());
    assertEquals("No chat model is loaded.", r.error());
    assertFalse(service.info(Command.CHAT).available());
    assertEquals(Status.UNAVAILABLE, service.cached(Command.CHAT, "hi").orElseThrow().status());
    service.close();
    assertEquals(Status.UNAVAILABLE, ask(Command.TRANSLATE, "abc").status());
  }

  @Test
  void truncatedMeansTheDecoderHitTheStepLimit() throws Exception {
    Path v1 = ModelDirs.write(root, "translate", "v1", 1, 1);
    start(ServiceFixture.builder(root).maxOutputSteps(1).build());
    GreedyDecoder d = GreedyDecoder.of(BundleReader.read(BundleSource.directory(v1)));
    int checked = 0;
    for (String input : List.of("a", "b", "c", "d", "e", "f", "g", "ab", "ba", "cd", "fg")) {
      boolean limit = d.decode(d.sourceIds(input), 1).hitStepLimit();
      Reply r = ask(Command.TRANSLATE, input);
      assertEquals(limit, r.truncated(), input);
      checked += limit ? 1 : 0;
    }
    assertTrue(checked > 0, "one-step decodes of a random model mostly stop at the limit");
  }

  @Test
  void busyAndTimeoutAreRepliesNotExceptions() {
    Reply busy = DefaultModelService.expectedFailure(new BusyException(), "v1", 100, Duration.ZERO);
    assertEquals(Status.BUSY, busy.status());
    Reply timeout =
        DefaultModelService.expectedFailure(new TimeoutException(), "v1", 100, Duration.ZERO);
    assertEquals(Status.TIMEOUT, timeout.status());
    assertTrue(timeout.error().contains("100 ms"));
    assertNull(
        DefaultModelService.expectedFailure(new IllegalStateException(), "v", 1, Duration.ZERO));
  }

  @Test
  void aFullQueueAnswersBusyAtOnceAndNothingCompletesExceptionally() throws Exception {
    ModelDirs.write(root, "chat", "c1", 1, 1);
    start(
        ServiceFixture.builder(root)
            .batcher(new org.tinyseq.serve.decode.BatcherConfig(1, Duration.ZERO, 1, 1))
            .build());
    StuckWorker stuck = new StuckWorker();
    service.addListener(stuck);
    try {
      CompletableFuture<Reply> decoding = service.submit(Command.CHAT, "abc");
      stuck.awaitStuck();
      CompletableFuture<Reply> waiting = service.submit(Command.CHAT, "bca"); // the queue of 1
      CompletableFuture<Reply> refused = service.submit(Command.CHAT, "cab");
      assertTrue(refused.isDone(), "answered at once, while the worker is still stuck");
      assertEquals(Status.BUSY, refused.join().status());
      assertFalse(waiting.isDone());
      stuck.release();
      assertEquals(Status.OK, decoding.join().status());
      assertEquals(Status.OK, waiting.join().status());
    } finally {
      stuck.release();
    }
  }

  @Test
  void listenersAndStatsSeeRequestsAndSwaps() throws Exception {
    ModelDirs.write(root, "chat", "c1", 1, 1);
    start(ServiceFixture.config(root));
    List<String> events = new CopyOnWriteArrayList<>();
    service.addListener(
        new ServiceListener() {
          @Override
          public void onRequest(Command c, Status s, Duration elapsed, boolean cached) {
            events.add(c + " " + s + " " + cached);
          }

          @Override
          public void onSwap(String kind, String version) {
            events.add("swap " + kind + " " + version);
          }

          @Override
          public void onLoadFailure(String path, String reason) {
            events.add("refused " + Path.of(path).getFileName());
          }
        });
    ask(Command.CHAT, "abc");
    ask(Command.CHAT, "abc");
    ModelDirs.writeCorrupt(root, "chat", "c2", 2, 2);
    ModelDirs.write(root, "chat", "c3", 3, 3);
    ModelDirs.writeCorrupt(root, "chat", "c4", 4, 4);
    service.reload();
    assertEquals(List.of("CHAT OK false", "CHAT OK true", "refused c4", "swap chat c3"), events);
    ServiceStats stats = service.stats();
    assertEquals(2, stats.swaps());
    assertEquals(1, stats.failedLoads());
    assertEquals(1, stats.cacheHits());
    assertEquals(1, stats.cacheMisses());
    assertEquals(0.5, stats.cacheHitRate());
    assertEquals(1, stats.batches(), "the warm-up batch is not counted");
    assertEquals("c3", stats.versions().get("chat"));
    assertNotNull(service.info(Command.CHAT).loadedAt());
  }

  @Test
  void theWatcherSwapsInANewBundle() throws Exception {
    ModelDirs.write(root, "translate", "v1", 1, 1);
    start(ServiceFixture.builder(root).watch(true).watchInterval(Duration.ofMillis(20)).build());
    CountDownLatch swapped = new CountDownLatch(1);
    service.addListener(
        new ServiceListener() {
          @Override
          public void onSwap(String kind, String version) {
            if (version.equals("v2")) {
              swapped.countDown();
            }
          }
        });
    ModelDirs.write(root, "translate", "v2", 2, 2);
    assertTrue(swapped.await(30, TimeUnit.SECONDS), "watcher picked up v2");
    assertEquals("v2", service.info(Command.TRANSLATE).version());
  }
}
