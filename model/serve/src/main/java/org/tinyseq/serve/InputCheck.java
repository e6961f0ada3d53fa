package org.tinyseq.serve;

import org.tinyseq.serve.text.TextNormalizer;

/**
 * Validates and normalises a request text before anything else sees it, in this order: missing or
 * empty → EMPTY_INPUT; a control character other than tab, line feed or carriage return →
 * INVALID_INPUT (the text is refused, not cleaned: such bytes are never typed by a person); then
 * {@link TextNormalizer}; blank → EMPTY_INPUT; more than {@code maxInputChars} code points →
 * TOO_LONG. A raw text far beyond the limit is refused before normalising it. This is the one check
 * of request texts: the service applies it to every request, and the bot uses its result (and its
 * normalised text) before rate limiting.
 */
public final class InputCheck {
  /** Raw texts longer than this multiple of the limit are refused without normalising them. */
  static final int RAW_SLACK = 4;

  private final int maxInputChars;

  /**
   * @param maxInputChars the most code points a normalised text may have
   */
  public InputCheck(int maxInputChars) {
    this.maxInputChars = maxInputChars;
  }

  /**
   * The outcome: {@code status} null and {@code text} the normalised input when accepted, else the
   * rejection's status and message.
   */
  public record Result(String text, Status status, String error) {
    public boolean accepted() {
      return status == null;
    }
  }

  public Result check(String raw) {
    if (raw == null || raw.isEmpty()) {
      return reject(Status.EMPTY_INPUT, "Nothing to answer: the text is empty.");
    }
    if (raw.length() > (long) RAW_SLACK * maxInputChars + 64) {
      return tooLong();
    }
    for (int i = 0; i < raw.length(); ) {
      int cp = raw.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if ((type == Character.CONTROL && cp != '\t' && cp != '\n' && cp != '\r')
          || type == Character.SURROGATE) {
        return reject(
            Status.INVALID_INPUT,
            String.format(
                "The text contains an invalid character (U+%04X): a control character or half"
                    + " of a surrogate pair.",
                cp));
      }
    }
    String text = isAlreadyNormal(raw) ? raw : TextNormalizer.normalize(raw);
    if (text.isEmpty()) {
      return reject(Status.EMPTY_INPUT, "Nothing to answer: the text is blank.");
    }
    if (text.codePointCount(0, text.length()) > maxInputChars) {
      return tooLong();
    }
    return new Result(text, null, "");
  }

  /**
   * True for the common case of printable ASCII with single inner spaces and no outer ones, which
   * {@link TextNormalizer} leaves as it is (NFKC maps printable ASCII to itself; nothing to fold or
   * trim): skipping it keeps the cache-hit path short.
   */
  static boolean isAlreadyNormal(String s) {
    int n = s.length();
    if (n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
      return false;
    }
    char prev = 'x';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < ' ' || c > '~' || (c == ' ' && prev == ' ')) {
        return false;
      }
      prev = c;
    }
    return true;
  }

  private Result tooLong() {
    return reject(
        Status.TOO_LONG, "The text is too long: at most " + maxInputChars + " characters.");
  }

  private static Result reject(Status status, String error) {
    return new Result("", status, error);
  }
}
