package org.tinyseq.serve.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.RandomBundles;

class DecodeBatcherTest {
  static GreedyDecoder decoder;
  static final String[] TEXTS = {"hello", "a b", "", "world!", "ab cd", "ccc", "e", "d e a"};

  @BeforeAll
  static void decoder() {
    Architecture a = new Architecture("lstm", "char", 16, 4, 4, true, 10, 12);
    decoder =
        GreedyDecoder.of(
            RandomBundles.create(
                "translate", "t1", a, GreedyDecoderTest.SRC, RandomBundles.cjkChars(50), 1));
  }

  static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS); // a hang guard, not a timing assertion
  }

  @Test
  void aRequestNoWorkerTookWithinItsDeadlineLeavesTheQueueAndIsNeverDecoded() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (DecodeBatcher batcher =
        new DecodeBatcher(
            decoder,
            new BatcherConfig(8, Duration.ZERO, 2, 1),
            size -> {
              sizes.add(size);
              if (sizes.size() == 1) {
                block(started, release);
              }
            })) {
      var first = batcher.submit(decoder.sourceIds("x"), 12);
      assertTrue(started.await(30, TimeUnit.SECONDS));
      var late = batcher.submit(decoder.sourceIds("hello"), 12, Duration.ofMillis(50));
      var patient = batcher.submit(decoder.sourceIds("world!"), 12);
      ExecutionException e = assertThrows(ExecutionException.class, () -> await(late));
      assertInstanceOf(java.util.concurrent.TimeoutException.class, e.getCause());
      assertEquals(1, batcher.queueDepth(), "its place in the queue is free again");
      var another = batcher.submit(decoder.sourceIds("ab cd"), 12); // not BUSY: room for it
      release.countDown();
      await(first);
      await(patient);
      await(another);
      assertEquals(List.of(1, 2), sizes, "the late request was not decoded");
    }
  }

  @Test
  void concurrentRequestsAreDecodedTogetherWithTheSameResultsAsOneByOne() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> sizes = new ArrayList<>();
    BatcherConfig config = new BatcherConfig(8, Duration.ZERO, 64, 1);
    try (DecodeBatcher batcher =
        new DecodeBatcher(
            decoder,
            config,
            size -> {
              sizes.add(size);
              block(started, release);
            })) {
      var first = batcher.submit(decoder.sourceIds("x"), 12);
      assertTrue(started.await(30, TimeUnit.SECONDS));
      // the worker is held in its first batch while 9 requests queue up
      List<CompletableFuture<Decoded>> futures = new ArrayList<>();
      for (String t : TEXTS) {
        futures.add(batcher.submit(decoder.sourceIds(t), 12));
      }
      var last = batcher.submit(decoder.sourceIds("a"), 12);
      release.countDown();
      for (int i = 0; i < TEXTS.length; i++) {
        Decoded alone = decoder.decode(decoder.sourceIds(TEXTS[i]), 12);
        Decoded batched = await(futures.get(i));
        assertArrayEquals(alone.ids(), batched.ids());
        assertArrayEquals(alone.scores(), batched.scores());
        assertEquals(alone.text(), batched.text());
      }
      await(first);
      await(last);
      assertEquals(List.of(1, 8, 1), sizes, "queued requests are batched up to maxBatch");
      assertEquals(3, batcher.batches());
    }
  }

  @Test
  void aLoneRequestOnAnIdleBatcherDoesNotWaitForCompany() throws Exception {
    // maxWait of an hour: the request could only complete in time if the worker skips the wait
    BatcherConfig config = new BatcherConfig(8, Duration.ofHours(1), 64, 2);
    try (DecodeBatcher batcher = new DecodeBatcher(decoder, config)) {
      for (String t : TEXTS) {
        assertArrayEquals(
            decoder.decode(decoder.sourceIds(t), 12).ids(),
            await(batcher.submit(decoder.sourceIds(t), 12)).ids());
      }
    }
  }

  @Test
  void differentStepLimitsInOneBatchAreEachHonoured() throws Exception {
    BatcherConfig config = new BatcherConfig(4, Duration.ZERO, 64, 1);
    try (DecodeBatcher batcher = new DecodeBatcher(decoder, config)) {
      var one = batcher.submit(decoder.sourceIds("hello"), 1);
      var two = batcher.submit(decoder.sourceIds("hello"), 2);
      var twelve = batcher.submit(decoder.sourceIds("hello"), 12);
      var bad = batcher.submit(new SourceIds(new int[] {999}, 0, false), 12);
      assertEquals(1, await(one).steps());
      assertTrue(await(two).steps() <= 2);
      assertArrayEquals(decoder.decode(decoder.sourceIds("hello"), 12).ids(), await(twelve).ids());
      ExecutionException e = assertThrows(ExecutionException.class, () -> await(bad));
      assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }
  }

  @Test
  void aFullQueueFailsAtOnceWithBusy() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BatcherConfig config = new BatcherConfig(1, Duration.ZERO, 2, 1);
    try (DecodeBatcher batcher =
        new DecodeBatcher(decoder, config, size -> block(started, release))) {
      var first = batcher.submit(decoder.sourceIds("a"), 5);
      assertTrue(started.await(30, TimeUnit.SECONDS));
      // the only worker is held inside its first batch: the queue fills up
      var second = batcher.submit(decoder.sourceIds("b"), 5);
      var third = batcher.submit(decoder.sourceIds("c"), 5);
      assertEquals(2, batcher.queueDepth());
      var refused = batcher.submit(decoder.sourceIds("d"), 5);
      assertTrue(refused.isCompletedExceptionally());
      ExecutionException e = assertThrows(ExecutionException.class, refused::get);
      assertInstanceOf(BusyException.class, e.getCause());
      release.countDown();
      for (var f : List.of(first, second, third)) {
        assertTrue(await(f).steps() >= 1);
      }
    }
  }

  @Test
  void closeFinishesQueuedWorkThenRefusesNewRequests() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BatcherConfig config = new BatcherConfig(2, Duration.ZERO, 100, 1);
    DecodeBatcher batcher = new DecodeBatcher(decoder, config, size -> block(started, release));
    List<CompletableFuture<Decoded>> futures = new ArrayList<>();
    futures.add(batcher.submit(decoder.sourceIds("a"), 5));
    assertTrue(started.await(30, TimeUnit.SECONDS));
    for (String t : TEXTS) {
      futures.add(batcher.submit(decoder.sourceIds(t), 5));
    }
    CompletableFuture<Void> closing = CompletableFuture.runAsync(batcher::close);
    release.countDown();
    await(closing);
    for (var f : futures) {
      assertTrue(f.isDone() && !f.isCompletedExceptionally());
    }
    assertEquals(0, batcher.queueDepth());
    var late = batcher.submit(decoder.sourceIds("a"), 5);
    ExecutionException e = assertThrows(ExecutionException.class, late::get);
    assertInstanceOf(IllegalStateException.class, e.getCause());
  }

  @Test
  void anErrorInAWorkerFailsItsBatchAndTheWorkerGoesOn() throws Exception {
    // A model whose step limit makes the decoder ask for an impossible array: a real
    // OutOfMemoryError on the worker thread, as a small container would throw.
    Architecture huge = new Architecture("lstm", "char", 16, 4, 4, true, 10, Integer.MAX_VALUE);
    GreedyDecoder d =
        GreedyDecoder.of(
            RandomBundles.create(
                "translate", "t2", huge, GreedyDecoderTest.SRC, RandomBundles.cjkChars(50), 1));
    try (DecodeBatcher batcher = new DecodeBatcher(d, new BatcherConfig(4, Duration.ZERO, 64, 1))) {
      var doomed = batcher.submit(d.sourceIds("hello"), Integer.MAX_VALUE);
      var e = assertThrows(ExecutionException.class, () -> await(doomed));
      assertInstanceOf(OutOfMemoryError.class, e.getCause());
      assertEquals(
          d.decode(d.sourceIds("hello"), 12).text(),
          await(batcher.submit(d.sourceIds("hello"), 12)).text(),
          "the same worker serves the next request");
    }
  }

  @Test
  void aBatchCallbackThatThrowsAnErrorLosesNoRequest() throws Exception {
    BatcherConfig config = new BatcherConfig(4, Duration.ZERO, 64, 1);
    try (DecodeBatcher batcher =
        new DecodeBatcher(
            decoder,
            config,
            size -> {
              throw new StackOverflowError("injected");
            })) {
      for (String t : TEXTS) {
        assertEquals(
            decoder.decode(decoder.sourceIds(t), 12).text(),
            await(batcher.submit(decoder.sourceIds(t), 12)).text());
      }
    }
  }

  private static void block(CountDownLatch started, CountDownLatch release) {
    started.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
