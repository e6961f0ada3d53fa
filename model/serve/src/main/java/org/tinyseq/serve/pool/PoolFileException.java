package org.tinyseq.serve.pool;

/** A pool file that breaks a rule of its format; the message says which, in one line. */
public final class PoolFileException extends Exception {
  public PoolFileException(String message) {
    super(message);
  }

  public PoolFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
