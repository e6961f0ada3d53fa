package org.tinyseq.serve.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResultCacheTest {
  private final ResultCache cache = new ResultCache(100, Duration.ofHours(1));
  private final AtomicInteger decodes = new AtomicInteger();

  private CompletableFuture<Answer> decoding(CompletableFuture<Answer> result) {
    decodes.incrementAndGet();
    return result;
  }

  @Test
  void secondRequestIsAHitOfTheSameVersionOnly() {
    CacheKey v1 = new CacheKey("v1@aa", "translate", "hello");
    CacheKey v2 = new CacheKey("v2@bb", "translate", "hello");
    Lookup first = cache.get(v1, () -> decoding(CompletableFuture.completedFuture(answer("x"))));
    Lookup second = cache.get(v1, () -> decoding(CompletableFuture.completedFuture(answer("y"))));
    Lookup other = cache.get(v2, () -> decoding(CompletableFuture.completedFuture(answer("z"))));
    assertTrue(first.decodeStarted());
    assertFalse(second.decodeStarted());
    assertEquals("x", second.answer().join().text());
    assertTrue(other.decodeStarted(), "another model version never sees v1's answer");
    assertEquals("z", other.answer().join().text());
    assertEquals(2, decodes.get());
    assertEquals(1, cache.stats().hitCount());
    assertEquals(2, cache.stats().missCount());
  }

  @Test
  void identicalRequestsInFlightShareOneDecode() {
    CacheKey key = new CacheKey("v1@aa", "chat", "hi");
    CompletableFuture<Answer> pending = new CompletableFuture<>();
    Lookup first = cache.get(key, () -> decoding(pending));
    Lookup second = cache.get(key, () -> decoding(new CompletableFuture<>()));
    assertSame(first.answer(), second.answer());
    assertNull(cache.peek(key), "an unfinished decode is no cached answer");
    pending.complete(answer("hello"));
    assertEquals("hello", second.answer().join().text());
    assertEquals("hello", cache.peek(key).text());
    assertEquals(1, decodes.get());
  }

  @Test
  void failuresAreNotCached() {
    CacheKey key = new CacheKey("v1@aa", "chat", "hi");
    Lookup failed =
        cache.get(
            key, () -> decoding(CompletableFuture.failedFuture(new IllegalStateException("boom"))));
    assertFalse(failed.answer().join().ok());
    assertTrue(failed.answer().join().failure() instanceof IllegalStateException);
    assertNull(cache.peek(key));
    Lookup retry = cache.get(key, () -> decoding(CompletableFuture.completedFuture(answer("ok"))));
    assertTrue(retry.decodeStarted());
    assertEquals("ok", retry.answer().join().text());
    assertEquals(2, decodes.get());
  }

  @Test
  void aFailureSharedByConcurrentRequestsIsDroppedWhenItCompletes() {
    CacheKey key = new CacheKey("v1@aa", "chat", "hi");
    CompletableFuture<Answer> pending = new CompletableFuture<>();
    Lookup first = cache.get(key, () -> decoding(pending));
    Lookup second = cache.get(key, () -> decoding(new CompletableFuture<>()));
    pending.completeExceptionally(new IllegalStateException("busy"));
    assertFalse(second.answer().join().ok(), "the joined request sees the same failure");
    assertFalse(first.answer().isCompletedExceptionally());
    Lookup retry = cache.get(key, () -> decoding(CompletableFuture.completedFuture(answer("ok"))));
    assertTrue(retry.decodeStarted());
    assertEquals(2, decodes.get());
  }

  @Test
  void peekCountsHitsButNotMisses() {
    CacheKey key = new CacheKey("v1@aa", "chat", "hi");
    assertNull(cache.peek(key));
    cache.get(key, () -> decoding(CompletableFuture.completedFuture(answer("a"))));
    assertEquals("a", cache.peek(key).text());
    assertEquals(1, cache.stats().hitCount());
    assertEquals(1, cache.stats().missCount(), "only the get() that decoded is a miss");
  }

  @Test
  void sizeZeroDisablesCaching() {
    ResultCache none = new ResultCache(0, Duration.ofMinutes(1));
    CacheKey key = new CacheKey("v1@aa", "chat", "hi");
    none.get(key, () -> decoding(CompletableFuture.completedFuture(answer("a"))));
    Lookup again = none.get(key, () -> decoding(CompletableFuture.completedFuture(answer("a"))));
    assertTrue(again.decodeStarted());
    assertNull(none.peek(key));
    assertEquals(2, decodes.get());
  }

  private static Answer answer(String text) {
    return new Answer(text, false);
  }
}
