package org.tinyseq.serve.memory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.tinyseq.serve.textfile.BoundedInputStream;

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
    // The gzip trailer states the text's size, which the heap estimate reads before loading: the
    // text may not be larger than it says (one gzip member, as every gzip writer makes).
    long declared = file.length >= 4 ? declaredTextBytes(trailer(file)) : maxTextBytes;
    BoundedInputStream text;
    try (Reader in =
        new InputStreamReader(
            text =
                new BoundedInputStream(
                    new GZIPInputStream(new ByteArrayInputStream(file), 1 << 16),
                    Math.min(maxTextBytes, declared)),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT))) {
      LineReader lines = new LineReader(in);
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
      if (text.total() != declared) {
        throw new MemoryFileException(
            FILE_NAME + ": the text is not the size its gzip trailer states (one gzip member)");
      }
      return entries;
    } catch (CharacterCodingException e) {
      throw new MemoryFileException(FILE_NAME + ": not valid UTF-8", e);
    } catch (IOException e) {
      throw new MemoryFileException(
          FILE_NAME + ": unreadable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
          e);
    }
  }

  /** The last 4 bytes of a gzip file: its text's size modulo 2^32 (RFC 1952, ISIZE). */
  private static byte[] trailer(byte[] file) {
    return java.util.Arrays.copyOfRange(file, file.length - 4, file.length);
  }

  /** The text size a gzip trailer states (exact below 4 GiB, far above {@link #MAX_TEXT_BYTES}). */
  public static long declaredTextBytes(byte[] trailer) {
    return (trailer[0] & 0xffL)
        | (trailer[1] & 0xffL) << 8
        | (trailer[2] & 0xffL) << 16
        | (trailer[3] & 0xffL) << 24;
  }

  /**
   * What the first bytes of a memory file show (the beginning of the gzip stream suffices): the
   * entry count its first line states (-1 when they do not start a memory file), and over the
   * complete entries they hold, the UTF-8 bytes of text, the characters of the keys and the bytes
   * the keys' and targets' strings take in memory (one per char of a Latin-1 string, else two). For
   * a heap estimate that reads no more than the file's head.
   */
  public record Head(int entries, long sampleText, long sampleKeyChars, long sampleStringBytes) {}

  /** The {@link Head} of a memory file whose first bytes are {@code head}. */
  public static Head head(byte[] head) {
    int entries = -1;
    long text = 0;
    long keyChars = 0;
    long stringBytes = 0;
    try (Reader in =
        new InputStreamReader(
            new GZIPInputStream(new ByteArrayInputStream(head), 1 << 12), StandardCharsets.UTF_8)) {
      LineReader lines = new LineReader(in);
      String[] h = lines.next(64).split("\t", -1);
      if (h.length != 3 || !MAGIC.equals(h[0])) {
        return new Head(-1, 0, 0, 0);
      }
      entries = parseCount(h[2]);
      for (String line; (line = lines.next(2 * MAX_FIELD_CHARS + 1)) != null; ) {
        int tab = line.indexOf('\t');
        String key = tab < 0 ? line : line.substring(0, tab);
        String target = tab < 0 ? "" : line.substring(tab + 1);
        text += line.getBytes(StandardCharsets.UTF_8).length + 1;
        keyChars += key.length();
        stringBytes += stringBytes(key) + stringBytes(target);
      }
    } catch (IOException | MemoryFileException | RuntimeException e) {
      // the head ends inside a line or a gzip block: what was counted so far stands
    }
    return new Head(entries, text, keyChars, stringBytes);
  }

  private static long stringBytes(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xff) {
        return 2L * s.length();
      }
    }
    return s.length();
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

  /** Lines ending in '\n', each at most a given length; null at the end of the input. */
  private static final class LineReader {
    private final Reader in;
    private final StringBuilder line = new StringBuilder();
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int length;

    LineReader(Reader in) {
      this.in = in;
    }

    boolean atEnd() throws IOException {
      return read() == -1;
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

    String next(int maxChars) throws IOException, MemoryFileException {
      line.setLength(0);
      while (true) {
        int c = read();
        if (c == -1) {
          if (line.length() == 0) {
            return null;
          }
          throw new MemoryFileException(FILE_NAME + ": the last line does not end with \\n");
        }
        if (c == '\n') {
          return line.toString();
        }
        if (line.length() == maxChars) {
          throw new MemoryFileException(FILE_NAME + ": a line is longer than allowed");
        }
        line.append((char) c);
      }
    }
  }
}
