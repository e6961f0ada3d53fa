package org.tinyseq.bot.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Token buckets per user and per guild: each allows its budget per minute, refilled gradually, so a
 * burst of the whole budget is allowed and then one request every {@code 60 s / budget}. Buckets
 * live in a size-bounded Caffeine cache ({@link #MAX_BUCKETS} per scope) and those of idle users
 * expire after 10 minutes, so a flood of new ids cannot grow memory. Thread-safe.
 */
public final class RateLimiter {
  /** Buckets kept per scope: a few MB at most, whatever the traffic. */
  public static final long MAX_BUCKETS = 100_000;

  private final int userPerMinute;
  private final int guildPerMinute;
  private final TimeMeter clock;
  private final Cache<String, Bucket> users;
  private final Cache<String, Bucket> guilds;
  private final List<Consumer<RateDecision>> refusalListeners = new CopyOnWriteArrayList<>();

  public RateLimiter(int userPerMinute, int guildPerMinute) {
    this(userPerMinute, guildPerMinute, TimeMeter.SYSTEM_NANOTIME);
  }

  /** With an explicit clock (tests). */
  public RateLimiter(int userPerMinute, int guildPerMinute, TimeMeter clock) {
    this(userPerMinute, guildPerMinute, clock, MAX_BUCKETS);
  }

  /**
   * With an explicit clock and bound (tests).
   *
   * @param maxBuckets the most buckets kept per scope (users, guilds): beyond it the least recently
   *     used go first. A bucket forgotten early only gives that user a fresh budget.
   */
  public RateLimiter(int userPerMinute, int guildPerMinute, TimeMeter clock, long maxBuckets) {
    this.userPerMinute = userPerMinute;
    this.guildPerMinute = guildPerMinute;
    this.clock = clock;
    this.users = buckets(maxBuckets);
    this.guilds = buckets(maxBuckets);
  }

  private static Cache<String, Bucket> buckets(long maxBuckets) {
    return Caffeine.newBuilder()
        .maximumSize(maxBuckets)
        .expireAfterAccess(Duration.ofMinutes(10))
        .build();
  }

  /** Buckets held now (users plus guilds), after pending evictions. */
  public long buckets() {
    users.cleanUp();
    guilds.cleanUp();
    return users.estimatedSize() + guilds.estimatedSize();
  }

  /**
   * Takes one token from the user's bucket and, when {@code guildId} is not null, the guild's. A
   * refusal by the guild gives the user's token back.
   */
  public RateDecision tryAcquire(String userId, String guildId) {
    Bucket user = users.get(userId, k -> bucket(userPerMinute));
    ConsumptionProbe up = user.tryConsumeAndReturnRemaining(1);
    if (!up.isConsumed()) {
      return refuse(up, "user");
    }
    if (guildId != null) {
      Bucket guild = guilds.get(guildId, k -> bucket(guildPerMinute));
      ConsumptionProbe gp = guild.tryConsumeAndReturnRemaining(1);
      if (!gp.isConsumed()) {
        user.addTokens(1);
        return refuse(gp, "guild");
      }
    }
    return RateDecision.ALLOWED;
  }

  /** Called with every refusal (e.g. to count them in metrics); must be fast. */
  public void addRefusalListener(Consumer<RateDecision> listener) {
    refusalListeners.add(listener);
  }

  private RateDecision refuse(ConsumptionProbe probe, String scope) {
    long nanos = probe.getNanosToWaitForRefill();
    Duration wait = Duration.ofSeconds((nanos + 999_999_999L) / 1_000_000_000L);
    RateDecision d = new RateDecision(false, wait, scope);
    refusalListeners.forEach(l -> l.accept(d));
    return d;
  }

  private Bucket bucket(int perMinute) {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build())
        .withCustomTimePrecision(clock)
        .build();
  }
}
