package org.tinyseq.serve.textfile;

/** A text part that breaks a rule of its format; the message names the file and the rule. */
public final class TextFileException extends Exception {
  public TextFileException(String message) {
    super(message);
  }

  public TextFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
