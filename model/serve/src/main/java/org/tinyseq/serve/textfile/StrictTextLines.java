package org.tinyseq.serve.textfile;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The lines of a compressed UTF-8 text held in memory (gzip, or any decompressing stream), read
 * strictly: at most a given number of decompressed bytes, strictly valid UTF-8, every line (the
 * last one too) ending in {@code \n}, each line at most the length its caller allows. Every failure
 * is a {@link TextFileException} whose message starts with the file's name.
 */
public final class StrictTextLines implements Closeable {
  private final String fileName;
  private final Reader in;
  private final StringBuilder line = new StringBuilder();
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int length;

  private StrictTextLines(String fileName, Reader in) {
    this.fileName = fileName;
    this.in = in;
  }

  /**
   * @param gzip the gzip-compressed bytes
   * @param maxTextBytes most bytes decompressed before reading fails
   * @param fileName the part's name, for messages
   */
  public static StrictTextLines open(byte[] gzip, long maxTextBytes, String fileName)
      throws TextFileException {
    return open(
        () -> new GZIPInputStream(new ByteArrayInputStream(gzip), 1 << 16), maxTextBytes, fileName);
  }

  /** Opens a decompressing stream (its constructor may fail on a bad header). */
  @FunctionalInterface
  public interface Decompressor {
    InputStream open() throws IOException;
  }

  /**
   * @param decompressed opens the decompressed bytes
   * @param maxTextBytes most bytes decompressed before reading fails
   * @param fileName the part's name, for messages
   */
  public static StrictTextLines open(Decompressor decompressed, long maxTextBytes, String fileName)
      throws TextFileException {
    try {
      return new StrictTextLines(
          fileName,
          new InputStreamReader(
              new BoundedInputStream(decompressed.open(), maxTextBytes),
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPORT)
                  .onUnmappableCharacter(CodingErrorAction.REPORT)));
    } catch (IOException e) {
      throw failure(fileName, e);
    }
  }

  /** The next line without its {@code \n}, or null at the end of the text. */
  public String next(int maxChars) throws TextFileException {
    try {
      line.setLength(0);
      while (true) {
        int c = read();
        if (c == -1) {
          if (line.length() == 0) {
            return null;
          }
          throw new TextFileException(fileName + ": the last line does not end with \\n");
        }
        if (c == '\n') {
          return line.toString();
        }
        if (line.length() == maxChars) {
          throw new TextFileException(fileName + ": a line is longer than allowed");
        }
        line.append((char) c);
      }
    } catch (IOException e) {
      throw failure(fileName, e);
    }
  }

  /** True when nothing follows. */
  public boolean atEnd() throws TextFileException {
    try {
      return read() == -1;
    } catch (IOException e) {
      throw failure(fileName, e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** One char from a private buffer: no lock or call per char into the reader. */
  private int read() throws IOException {
    if (position == length) {
      int n = in.read(buffer, 0, buffer.length);
      if (n <= 0) {
        return -1;
      }
      position = 0;
      length = n;
    }
    return buffer[position++];
  }

  private static TextFileException failure(String fileName, IOException e) {
    if (e instanceof CharacterCodingException) {
      return new TextFileException(fileName + ": not valid UTF-8", e);
    }
    return new TextFileException(
        fileName + ": unreadable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
        e);
  }
}
