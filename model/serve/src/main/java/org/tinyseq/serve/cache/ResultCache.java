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
 * get the same future, so they share one decode; a future that fails is removed by Caffeine, so
 * failures are never cached. Bounded by entry count, entries expire a fixed time after they were
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
      return new Lookup(decode.get(), true);
    }
    boolean[] started = new boolean[1];
    CompletableFuture<Answer> answer =
        cache.get(
            key,
            (k, executor) -> {
              started[0] = true;
              return decode.get();
            });
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
    counter.recordHits(1);
    return f.getNow(null);
  }

  public CacheStats stats() {
    return counter.snapshot();
  }

  /** Approximate number of entries, in-flight decodes included. */
  public long size() {
    return cache == null ? 0 : cache.synchronous().estimatedSize();
  }
}
