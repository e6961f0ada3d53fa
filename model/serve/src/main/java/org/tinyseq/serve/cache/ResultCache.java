package org.tinyseq.serve.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The result cache: a Caffeine {@link AsyncCache} of answer futures. Identical concurrent requests
 * get the same future, so they share one decode. Failures are never cached: a failed decode
 * completes its future normally with a failed {@link Answer} (so that Caffeine does not log every
 * BUSY as a stack trace) and the entry is removed as soon as it completes; the requests that shared
 * it all get that failure. Bounded by entry count, entries expire a fixed time after they were
 * written. With {@code maxEntries == 0} nothing is cached and every request decodes.
 */
public final class ResultCache {
  private final AsyncCache<CacheKey, Answer> cache;
  // Our own counter instance so that a hit of peek() (which reads through asMap() and therefore
  // records nothing) can be counted without also counting its misses: a peek miss is always
  // followed by a get() that records the miss once.
  private final ConcurrentStatsCounter counter = new ConcurrentStatsCounter();

  public ResultCache(long maxEntries, Duration expiry) {
    this.cache =
        maxEntries == 0
            ? null
            : Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(expiry)
                .recordStats(() -> counter)
                .buildAsync();
  }

  /**
   * The answer for {@code key}: cached, in flight, or started now by {@code decode} (which must not
   * throw; it returns a failed future instead).
   */
  public Lookup get(CacheKey key, Supplier<CompletableFuture<Answer>> decode) {
    if (cache == null) {
      counter.recordMisses(1);
      return new Lookup(neverFailing(decode.get()), true);
    }
    boolean[] started = new boolean[1];
    CompletableFuture<Answer> answer =
        cache.get(
            key,
            (k, executor) -> {
              started[0] = true;
              return neverFailing(decode.get());
            });
    if (started[0]) {
      // Registered after get() returned, outside Caffeine's compute: removing inside it would be a
      // recursive update of the same key when the decode failed synchronously (e.g. BUSY).
      answer.thenAccept(
          a -> {
            if (!a.ok()) {
              cache.asMap().remove(key, answer);
            }
          });
    }
    return new Lookup(answer, started[0]);
  }

  /** The answer for {@code key} if it is cached and complete, else null. Counts a hit only. */
  public Answer peek(CacheKey key) {
    if (cache == null) {
      return null;
    }
    CompletableFuture<Answer> f = cache.asMap().get(key);
    if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
      return null;
    }
    Answer a = f.getNow(null);
    if (a == null || !a.ok()) {
      return null;
    }
    counter.recordHits(1);
    return a;
  }

  private static CompletableFuture<Answer> neverFailing(CompletableFuture<Answer> decode) {
    return decode.handle((a, e) -> e == null ? a : Answer.failed(e));
  }

  public CacheStats stats() {
    return counter.snapshot();
  }

  /** Approximate number of entries, in-flight decodes included. */
  public long size() {
    return cache == null ? 0 : cache.synchronous().estimatedSize();
  }
}
