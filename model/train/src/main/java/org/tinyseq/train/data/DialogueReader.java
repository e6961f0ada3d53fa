package org.tinyseq.train.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dialogue TSV (the Self-dialogue corpus as prepared in {@code
 * ../shared/data/chat-selfdialogue/}): a header line {@code
 * conversation<TAB>topic<TAB>turn<TAB>text}, then one turn per line. Turn n and turn n+1 of the
 * same conversation, on consecutive lines, make a (message, reply) pair that carries the
 * conversation id (so the split keeps conversations whole).
 *
 * <p>A line with another number of columns, an empty conversation id or text, a turn that is not a
 * positive integer, or invalid UTF-8 is malformed. A missing or different header makes the whole
 * file malformed (reported at line 1; nothing is read). A skipped line breaks its conversation's
 * chain, so no pair spans a missing turn; turns that do not follow each other (a gap, a repeat, a
 * conversation interleaved with another) simply make no pair.
 */
final class DialogueReader {
  /** The header that identifies the format (and {@code --format auto} looks for). */
  static final String HEADER = "conversation\ttopic\tturn\ttext";

  private DialogueReader() {}

  static boolean isHeader(String line) {
    return HEADER.equals(line.strip());
  }

  static List<TextPair> read(Path file, byte[] bytes, MalformedLog problems)
      throws MalformedDataException {
    List<TextPair> pairs = new ArrayList<>();
    if (!isHeader(Utf8Lines.firstLine(bytes))) {
      problems.report(
          file, 1, "expected the header 'conversation<TAB>topic<TAB>turn<TAB>text' (file skipped)");
      return pairs;
    }
    // The previous accepted turn; a malformed line resets it so the chain breaks there.
    String[] previous = new String[3]; // conversation, turn, text
    boolean[] headerSeen = {false};
    Utf8Lines.forEach(
        file,
        bytes,
        problems,
        (lineNumber, line) -> {
          if (line.isBlank()) {
            return;
          }
          if (!headerSeen[0]) {
            headerSeen[0] = true; // checked above
            return;
          }
          String[] fields = line.split("\t", -1);
          String problem = problem(fields);
          if (problem != null) {
            previous[0] = null;
            problems.report(file, lineNumber, problem);
            return;
          }
          String conversation = fields[0].strip();
          long turn = Long.parseLong(fields[2].strip());
          if (conversation.equals(previous[0]) && turn == Long.parseLong(previous[1]) + 1) {
            pairs.add(new TextPair(previous[2], fields[3], null, conversation));
          }
          previous[0] = conversation;
          previous[1] = Long.toString(turn);
          previous[2] = fields[3];
        });
    return pairs;
  }

  private static String problem(String[] fields) {
    if (fields.length != 4) {
      return "expected 4 tab-separated columns (conversation, topic, turn, text), found "
          + fields.length;
    }
    if (fields[0].isBlank()) {
      return "empty conversation id";
    }
    if (fields[3].isBlank()) {
      return "empty text";
    }
    try {
      if (Long.parseLong(fields[2].strip()) < 1) {
        return "turn must be a positive integer, found '" + fields[2] + "'";
      }
    } catch (NumberFormatException e) {
      return "turn must be a positive integer, found '" + fields[2] + "'";
    }
    return null;
  }
}
