package org.tinyseq.bot.testing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Discord ids with current timestamps. JDA derives an interaction's 15-minute expiry from its id,
 * so interaction ids must be current or the hook refuses to edit the response.
 */
public final class Snowflakes {
  private static final long DISCORD_EPOCH = 1420070400000L;
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private Snowflakes() {}

  public static String next() {
    long millis = System.currentTimeMillis() - DISCORD_EPOCH;
    return Long.toString((millis << 22) | (SEQUENCE.incrementAndGet() & 0xFFF));
  }
}
