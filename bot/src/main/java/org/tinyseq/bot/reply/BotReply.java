package org.tinyseq.bot.reply;

import java.util.Objects;

/**
 * One answer of the bot, the same for Discord and the console.
 *
 * @param text what to show; at most {@link MessageLimits#MAX_CHARS} characters
 * @param ephemeral only the asking user sees it (always true for errors and refusals)
 * @param outcome what kind of answer this is
 * @param note where the answer came from (model version, time, cached), for the console; empty when
 *     none. Discord messages do not show it.
 */
public record BotReply(String text, boolean ephemeral, Outcome outcome, String note) {

  /** Kinds of answers; everything but {@link #ANSWER} and {@link #INFO} is shown ephemerally. */
  public enum Outcome {
    /** A model's answer. */
    ANSWER,
    /** Information such as /model or /help. */
    INFO,
    /** Refused by a rate limit. */
    RATE_LIMITED,
    /** Refused: bad input, missing permission. */
    REJECTED,
    /** The service could not answer (busy, timeout, unavailable, error). */
    FAILED
  }

  public BotReply(String text, boolean ephemeral, Outcome outcome) {
    this(text, ephemeral, outcome, "");
  }

  public BotReply {
    Objects.requireNonNull(outcome, "outcome");
    note = note == null ? "" : note;
    text = MessageLimits.fit(text);
    if (isError(outcome)) {
      ephemeral = true;
    }
  }

  public static BotReply answer(String text, boolean ephemeral) {
    return new BotReply(text, ephemeral, Outcome.ANSWER);
  }

  public static BotReply info(String text) {
    return new BotReply(text, false, Outcome.INFO);
  }

  public static BotReply rejected(String text) {
    return new BotReply(text, true, Outcome.REJECTED);
  }

  public static BotReply failed(String text) {
    return new BotReply(text, true, Outcome.FAILED);
  }

  public static BotReply rateLimited(String text) {
    return new BotReply(text, true, Outcome.RATE_LIMITED);
  }

  /** This reply with {@code note}. */
  public BotReply withNote(String note) {
    return new BotReply(text, ephemeral, outcome, note);
  }

  /** True for refusals and failures. */
  public boolean isError() {
    return isError(outcome);
  }

  private static boolean isError(Outcome o) {
    return o != Outcome.ANSWER && o != Outcome.INFO;
  }
}
