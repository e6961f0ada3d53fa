package org.tinyseq.bot.ratelimit;

import java.time.Duration;

/**
 * Whether a request may run now.
 *
 * @param allowed true when it may
 * @param retryAfter when refused, the wait until a token is back (rounded up to whole seconds)
 * @param scope when refused, whose limit was hit: {@code "user"} or {@code "guild"}
 */
public record RateDecision(boolean allowed, Duration retryAfter, String scope) {
  static final RateDecision ALLOWED = new RateDecision(true, Duration.ZERO, "");

  /** The refusal wording, e.g. "You are going a bit fast: please try again in 12 seconds." */
  public String message() {
    long s = Math.max(1, retryAfter.toSeconds());
    String when = s == 1 ? "1 second" : s + " seconds";
    return scope.equals("guild")
        ? "This server is sending many requests right now: please try again in " + when + "."
        : "You are going a bit fast: please try again in " + when + ".";
  }
}
