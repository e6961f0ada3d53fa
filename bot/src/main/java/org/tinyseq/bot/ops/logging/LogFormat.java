package org.tinyseq.bot.ops.logging;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.Locale;

/**
 * Defines which appender file {@code logback.xml} includes, from the {@code LOG_FORMAT} environment
 * variable (or system property): {@code json} for one JSON object a line, anything else, or unset,
 * for plain lines. Case does not matter, and an unknown value never leaves the bot without logs.
 */
public final class LogFormat extends PropertyDefinerBase {
  public static final String VARIABLE = "LOG_FORMAT";

  @Override
  public String getPropertyValue() {
    String value = System.getProperty(VARIABLE, System.getenv(VARIABLE));
    return appender(value);
  }

  /** {@code json} for "json" in any case, else {@code plain}. */
  static String appender(String value) {
    return value != null && value.strip().toLowerCase(Locale.ROOT).equals("json")
        ? "json"
        : "plain";
  }
}
