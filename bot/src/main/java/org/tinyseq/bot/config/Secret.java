package org.tinyseq.bot.config;

/** A secret string (the bot token) whose {@link #toString()} never shows it. */
public final class Secret {
  private static final Secret NONE = new Secret("");
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return value == null || value.isBlank() ? NONE : new Secret(value.strip());
  }

  public static Secret none() {
    return NONE;
  }

  public boolean isPresent() {
    return !value.isEmpty();
  }

  /** The secret itself: pass it on, never log it. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return isPresent() ? "****" : "(none)";
  }
}
