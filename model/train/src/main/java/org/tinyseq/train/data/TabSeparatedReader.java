package org.tinyseq.train.data;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads tab-separated UTF-8 pairs: {@code source<TAB>target} (TSV) or {@code
 * English<TAB>Chinese<TAB>attribution} (cmn-eng). Blank lines are ignored; a line with another
 * number of columns, an empty source or target, or invalid UTF-8 is malformed.
 */
final class TabSeparatedReader {
  private TabSeparatedReader() {}

  static List<TextPair> read(Path file, byte[] bytes, CorpusFormat format, MalformedLog problems)
      throws MalformedDataException {
    int columns = format == CorpusFormat.CMN ? 3 : 2;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    List<TextPair> pairs = new ArrayList<>();
    int start = hasBom(bytes) ? 3 : 0;
    int lineNumber = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      lineNumber++;
      int contentEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
      String line;
      try {
        line = decoder.decode(ByteBuffer.wrap(bytes, start, contentEnd - start)).toString();
      } catch (CharacterCodingException e) {
        problems.report(file, lineNumber, "invalid UTF-8");
        start = end + 1;
        continue;
      }
      start = end + 1;
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      if (fields.length != columns) {
        problems.report(file, lineNumber, expectation(format) + ", found " + fields.length);
      } else if (fields[0].isBlank() || fields[1].isBlank()) {
        problems.report(file, lineNumber, "empty " + (fields[0].isBlank() ? "source" : "target"));
      } else {
        pairs.add(new TextPair(fields[0], fields[1], columns == 3 ? fields[2] : null));
      }
    }
    return pairs;
  }

  /** Number of tab-separated columns of the first non-blank line (0 for an empty file). */
  static int sniffColumns(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    for (String line : text.split("\n", 200)) {
      if (!line.isBlank()) {
        return line.split("\t", -1).length;
      }
    }
    return 0;
  }

  private static String expectation(CorpusFormat format) {
    return format == CorpusFormat.CMN
        ? "expected 3 tab-separated columns (English, Chinese, attribution)"
        : "expected 2 tab-separated columns (source, target)";
  }

  private static boolean hasBom(byte[] bytes) {
    return bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf;
  }
}
