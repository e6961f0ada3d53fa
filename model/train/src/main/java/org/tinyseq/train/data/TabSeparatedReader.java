package org.tinyseq.train.data;

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
    List<TextPair> pairs = new ArrayList<>();
    Utf8Lines.forEach(
        file,
        bytes,
        problems,
        (lineNumber, line) -> {
          if (line.isBlank()) {
            return;
          }
          String[] fields = line.split("\t", -1);
          if (fields.length != columns) {
            problems.report(file, lineNumber, expectation(format) + ", found " + fields.length);
          } else if (fields[0].isBlank() || fields[1].isBlank()) {
            problems.report(
                file, lineNumber, "empty " + (fields[0].isBlank() ? "source" : "target"));
          } else {
            pairs.add(new TextPair(fields[0], fields[1], columns == 3 ? fields[2] : null));
          }
        });
    return pairs;
  }

  /** Number of tab-separated columns of the first non-blank line (0 for an empty file). */
  static int sniffColumns(byte[] bytes) {
    String line = Utf8Lines.firstLine(bytes);
    return line.isEmpty() ? 0 : line.split("\t", -1).length;
  }

  private static String expectation(CorpusFormat format) {
    return format == CorpusFormat.CMN
        ? "expected 3 tab-separated columns (English, Chinese, attribution)"
        : "expected 2 tab-separated columns (source, target)";
  }
}
