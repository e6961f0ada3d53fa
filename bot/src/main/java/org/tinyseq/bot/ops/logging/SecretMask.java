package org.tinyseq.bot.ops.logging;

import java.util.regex.Pattern;

/**
 * Masks what looks like a Discord token, wherever it appears in a log line: defence in depth, the
 * bot never logs its token on purpose. A bot token is three base64url parts separated by dots (user
 * id, timestamp, HMAC); an {@code Authorization: Bot ...} header value is masked as well.
 */
public final class SecretMask {
  static final String MASK = "[masked]";
  private static final Pattern TOKEN =
      Pattern.compile("[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{20,}");
  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?i)(authorization[\"']?\\s*[:=]\\s*[\"']?(?:bot|bearer)\\s+)[^\\s\"',]+");

  private SecretMask() {}

  /** {@code line} with token-shaped strings replaced by {@value #MASK}. */
  public static String apply(String line) {
    String masked = TOKEN.matcher(line).replaceAll(MASK);
    return AUTHORIZATION.matcher(masked).replaceAll("$1" + MASK);
  }
}
