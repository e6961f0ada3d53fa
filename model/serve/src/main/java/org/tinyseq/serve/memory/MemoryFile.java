package org.tinyseq.serve.memory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.tinyseq.serve.textfile.StrictTextLines;
import org.tinyseq.serve.textfile.TextFileException;

/**
 * {@code memory.tsv.gz}: the example memory of a bundle, gzip-compressed UTF-8 text. The first line
 * is {@code tinyseq-memory<TAB>1<TAB><entries>}; then one line per entry, {@code key<TAB>target},
 * keys strictly ascending in {@link String#compareTo} order; every line ends with {@code \n} and
 * nothing follows the last one.
 *
 * <p>A bundle is untrusted input, so {@link #read} refuses anything else, and bounds everything
 * before allocating: at most {@link #MAX_FILE_BYTES} compressed (the cap a bundle reader applies to
 * this file), {@link #MAX_TEXT_BYTES} once decompressed (a gzip bomb stops there), {@link
 * #MAX_ENTRIES} entries, {@link #MAX_FIELD_CHARS} characters a field; strict UTF-8 (malformed bytes
 * are an error, not replaced); no control characters, tabs or line breaks inside a field; no empty
 * or padded fields.
 */
public final class MemoryFile {
  public static final String FILE_NAME = "memory.tsv.gz";

  /** Largest compressed file accepted (the chat memory of 350,000 pairs is about 10 MB). */
  public static final int MAX_FILE_BYTES = 64 << 20;

  /** Largest decompressed text accepted. */
  public static final long MAX_TEXT_BYTES = 256L << 20;

  /** Most entries accepted. */
  public static final int MAX_ENTRIES = 4_000_000;

  /** Longest key or target accepted, in UTF-16 chars. */
  public static final int MAX_FIELD_CHARS = 2_000;

  static final String MAGIC = "tinyseq-memory";
  static final int VERSION = 1;

  private MemoryFile() {}

  /** The file's bytes for {@code entries} (keys strictly ascending). */
  public static byte[] write(List<MemoryEntry> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer w =
        new java.io.OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
      w.write(MAGIC + "\t" + VERSION + "\t" + entries.size() + "\n");
      String previous = null;
      for (MemoryEntry e : entries) {
        checkField(e.key(), "key");
        checkField(e.target(), "target");
        if (previous != null && previous.compareTo(e.key()) >= 0) {
          throw new IllegalArgumentException("memory keys must be strictly ascending: " + e.key());
        }
        previous = e.key();
        w.write(e.key());
        w.write('\t');
        w.write(e.target());
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MemoryFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  /** The entries of a memory file, or a {@link MemoryFileException} naming the first problem. */
  public static List<MemoryEntry> read(byte[] file) throws MemoryFileException {
    return read(file, MAX_TEXT_BYTES);
  }

  /** {@link #read(byte[])} with another cap on the decompressed text (tests). */
  static List<MemoryEntry> read(byte[] file, long maxTextBytes) throws MemoryFileException {
    if (file.length > MAX_FILE_BYTES) {
      throw new MemoryFileException(
          FILE_NAME
              + " is "
              + file.length
              + " bytes, more than the "
              + MAX_FILE_BYTES
              + " allowed");
    }
    try (StrictTextLines lines = StrictTextLines.open(file, maxTextBytes, FILE_NAME)) {
      String header = lines.next(64);
      String[] h = header == null ? new String[0] : header.split("\t", -1);
      if (h.length != 3 || !MAGIC.equals(h[0])) {
        throw new MemoryFileException(FILE_NAME + ": not a memory file (bad header)");
      }
      if (!String.valueOf(VERSION).equals(h[1])) {
        throw new MemoryFileException(FILE_NAME + ": unsupported memory version '" + h[1] + "'");
      }
      int count = parseCount(h[2]);
      List<MemoryEntry> entries = new ArrayList<>(Math.min(count, 1 << 16));
      String previous = null;
      for (int i = 1; i <= count; i++) {
        String line = lines.next(2 * MAX_FIELD_CHARS + 1);
        if (line == null) {
          throw new MemoryFileException(
              FILE_NAME + ": truncated: " + (i - 1) + " of " + count + " entries");
        }
        int tab = line.indexOf('\t');
        if (tab < 0) {
          throw new MemoryFileException(FILE_NAME + ": entry " + i + " has no tab");
        }
        String key = line.substring(0, tab);
        String target = line.substring(tab + 1);
        try {
          checkField(key, "key");
          checkField(target, "target");
        } catch (MemoryFileException e) {
          throw new MemoryFileException(FILE_NAME + ": entry " + i + ": " + e.getMessage());
        }
        if (previous != null && previous.compareTo(key) >= 0) {
          throw new MemoryFileException(
              FILE_NAME + ": entry " + i + ": keys not strictly ascending");
        }
        previous = key;
        entries.add(new MemoryEntry(key, target));
      }
      if (!lines.atEnd()) {
        throw new MemoryFileException(FILE_NAME + ": data after the last entry");
      }
      return entries;
    } catch (TextFileException e) {
      throw new MemoryFileException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MemoryFileException(FILE_NAME + ": unreadable (" + e.getMessage() + ")", e);
    }
  }

  private static int parseCount(String s) throws MemoryFileException {
    if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new MemoryFileException(FILE_NAME + ": bad entry count '" + s + "'");
    }
    int n = Integer.parseInt(s);
    if (n > MAX_ENTRIES) {
      throw new MemoryFileException(
          FILE_NAME + ": " + n + " entries, more than the " + MAX_ENTRIES + " allowed");
    }
    return n;
  }

  private static void checkField(String s, String what) throws MemoryFileException {
    if (s.isEmpty()) {
      throw new MemoryFileException("empty " + what);
    }
    if (s.length() > MAX_FIELD_CHARS) {
      throw new MemoryFileException(what + " longer than " + MAX_FIELD_CHARS + " characters");
    }
    if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
      throw new MemoryFileException(what + " starts or ends with white space");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        throw new MemoryFileException(what + " holds a control character");
      }
    }
  }
}
