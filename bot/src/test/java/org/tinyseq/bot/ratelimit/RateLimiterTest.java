package org.tinyseq.bot.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  /** A clock the test moves by hand. */
  static final class ManualClock implements TimeMeter {
    long nanos;

    @Override
    public long currentTimeNanos() {
      return nanos;
    }

    @Override
    public boolean isWallClockBased() {
      return false;
    }

    void advance(Duration d) {
      nanos += d.toNanos();
    }
  }

  @Test
  void userBudgetIsABurstThenOneTokenPerSlice() {
    ManualClock clock = new ManualClock();
    RateLimiter limiter = new RateLimiter(3, 100, clock);
    for (int i = 0; i < 3; i++) {
      assertTrue(limiter.tryAcquire("u", "g").allowed());
    }
    RateDecision refused = limiter.tryAcquire("u", "g");
    assertFalse(refused.allowed());
    assertEquals("user", refused.scope());
    assertEquals(Duration.ofSeconds(20), refused.retryAfter()); // 60 s / 3 per minute
    assertEquals("You are going a bit fast: please try again in 20 seconds.", refused.message());
    assertTrue(limiter.tryAcquire("other", "g").allowed(), "users are limited apart");
    clock.advance(Duration.ofSeconds(20));
    assertTrue(limiter.tryAcquire("u", "g").allowed());
  }

  @Test
  void guildBudgetIsSharedAndGivesTheUsersTokenBack() {
    ManualClock clock = new ManualClock();
    RateLimiter limiter = new RateLimiter(2, 2, clock);
    List<RateDecision> refusals = new ArrayList<>();
    limiter.addRefusalListener(refusals::add);
    assertTrue(limiter.tryAcquire("a", "g").allowed());
    assertTrue(limiter.tryAcquire("b", "g").allowed());
    RateDecision refused = limiter.tryAcquire("c", "g");
    assertFalse(refused.allowed());
    assertEquals("guild", refused.scope());
    assertTrue(refused.message().startsWith("This server is sending many requests"));
    // c's own token was returned: in a direct message (no guild) c still has both.
    assertTrue(limiter.tryAcquire("c", null).allowed());
    assertTrue(limiter.tryAcquire("c", null).allowed());
    assertEquals(1, refusals.size());
  }

  @Test
  void bucketsLiveInABoundedCache() {
    RateLimiter limiter = new RateLimiter(6, 60, new ManualClock(), 100);
    for (int i = 0; i < 5_000; i++) {
      assertTrue(limiter.tryAcquire("user-" + i, "guild-" + i).allowed());
    }
    long held = limiter.buckets();
    assertTrue(held <= 200, "at most 100 users and 100 guilds, held " + held);
  }
}
