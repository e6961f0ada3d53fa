package org.tinyseq.bot.config;

/** A configuration value that cannot be used; the message is one line meant for the operator. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
