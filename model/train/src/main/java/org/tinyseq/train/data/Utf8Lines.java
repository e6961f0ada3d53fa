package org.tinyseq.train.data;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The lines of a UTF-8 text file for the tab-separated readers: a leading byte-order mark is
 * skipped, {@code \n} and {@code \r\n} both end a line, and a line that is not valid UTF-8 is
 * reported to the {@link MalformedLog} (with its 1-based number) instead of being passed on.
 */
final class Utf8Lines {
  private Utf8Lines() {}

  /** Receives one decoded line (without its line end). */
  @FunctionalInterface
  interface LineHandler {
    void line(int lineNumber, String line) throws MalformedDataException;
  }

  static void forEach(Path file, byte[] bytes, MalformedLog problems, LineHandler handler)
      throws MalformedDataException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    int start = hasBom(bytes) ? 3 : 0;
    int lineNumber = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      lineNumber++;
      int contentEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
      String line = null;
      try {
        line = decoder.decode(ByteBuffer.wrap(bytes, start, contentEnd - start)).toString();
      } catch (CharacterCodingException e) {
        problems.report(file, lineNumber, "invalid UTF-8");
      }
      start = end + 1;
      if (line != null) {
        handler.line(lineNumber, line);
      }
    }
  }

  /** The first non-blank line (at most 200 lines in), or "" when there is none. */
  static String firstLine(byte[] bytes) {
    int start = hasBom(bytes) ? 3 : 0;
    String text =
        new String(bytes, start, Math.min(bytes.length - start, 1 << 16), StandardCharsets.UTF_8);
    for (String line : text.split("\n", 200)) {
      if (!line.isBlank()) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      }
    }
    return "";
  }

  static boolean hasBom(byte[] bytes) {
    return bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf;
  }
}
