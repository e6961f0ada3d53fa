package org.tinyseq.bot.reply;

/** Discord's message limits, applied to every reply (the console shares them for consistency). */
public final class MessageLimits {
  /** Discord rejects message content longer than this (in UTF-16 units). */
  public static final int MAX_CHARS = 2000;

  private static final String ELLIPSIS = "…";

  private MessageLimits() {}

  /** {@code text} cut to {@link #MAX_CHARS} with an ellipsis, never splitting a surrogate pair. */
  public static String fit(String text) {
    if (text == null || text.isEmpty()) {
      return "(empty)";
    }
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    int end = MAX_CHARS - ELLIPSIS.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + ELLIPSIS;
  }
}
