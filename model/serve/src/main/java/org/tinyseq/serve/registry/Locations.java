package org.tinyseq.serve.registry;

/** Bundle messages name their location first; a log line that names it already drops it. */
final class Locations {
  private Locations() {}

  /** {@code message} without a leading {@code "<location>: "}. */
  static String without(String message, String location) {
    String prefix = location + ": ";
    return message != null && message.startsWith(prefix)
        ? message.substring(prefix.length())
        : String.valueOf(message);
  }
}
