package org.tinyseq.train.data;

import java.io.IOException;
import java.nio.file.Path;

/** A corpus line or entry that cannot be read; the message names the file and the line. */
public class MalformedDataException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;

  /**
   * @param file the corpus file
   * @param line 1-based line number (for YAML: the line where the entry starts)
   * @param reason what is wrong
   */
  public MalformedDataException(Path file, int line, String reason) {
    super(file + ":" + line + ": " + reason);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  public int line() {
    return line;
  }
}
