package org.tinyseq.serve.memory;

/** A memory file that breaks a rule of its format; the message says which, in one line. */
public final class MemoryFileException extends Exception {
  public MemoryFileException(String message) {
    super(message);
  }

  public MemoryFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
