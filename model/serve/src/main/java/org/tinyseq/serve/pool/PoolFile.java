package org.tinyseq.serve.pool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tinyseq.serve.textfile.StrictTextLines;
import org.tinyseq.serve.textfile.TextFileException;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * {@code pool.tsv.xz}: the reply pool of a chat bundle, xz-compressed UTF-8 text (LZMA2 with an 8
 * MiB dictionary: 4.9 MB for all ~350,000 chat pairs, where gzip takes 6.9 MB; the pool ships in
 * the bot's jar). The first line is {@code tinyseq-pool<TAB>1<TAB><dialogues><TAB><pairs>}; then
 * one dialogue per line, its turns separated by tabs: turn n is the message and turn n + 1 its
 * reply, so a dialogue of t turns holds t - 1 pairs and every turn is stored once (half the bytes
 * of one pair a line). A lone pair is a dialogue of two turns. Every line ends with {@code \n} and
 * nothing follows the last one.
 *
 * <p>A bundle is untrusted input, so {@link #read} refuses anything else and bounds everything
 * before it allocates: at most {@link #MAX_FILE_BYTES} compressed, a decoder needing at most {@link
 * #MAX_DECODER_KIB} KiB (the dictionary size is in the file's header), {@link #MAX_TEXT_BYTES} once
 * decompressed (a decompression bomb stops there), {@link #MAX_DIALOGUES} dialogues, {@link
 * #MAX_PAIRS} pairs, 2 to {@link #MAX_TURNS} turns a dialogue, {@link #MAX_TURN_CHARS} characters a
 * turn; strict UTF-8; no control character inside a turn; no empty turn and none starting or ending
 * with white space; the counts in the header must match the lines.
 */
public final class PoolFile {
  public static final String FILE_NAME = "pool.tsv.xz";

  /** Largest decoder memory accepted, in KiB (the writer's 8 MiB dictionary needs about 9 MiB). */
  public static final int MAX_DECODER_KIB = 16 << 10;

  /** The writer's LZMA2 preset: 6, the xz tool's default (8 MiB dictionary). */
  static final int PRESET = 6;

  /** Largest compressed file accepted (all ~350,000 chat pairs take about 5 MB). */
  public static final int MAX_FILE_BYTES = 32 << 20;

  /** Largest decompressed text accepted. */
  public static final long MAX_TEXT_BYTES = 128L << 20;

  /** Most dialogues (lines) accepted. */
  public static final int MAX_DIALOGUES = 4_000_000;

  /** Most message-reply pairs accepted. */
  public static final int MAX_PAIRS = 4_000_000;

  /** Most turns in one dialogue line; a writer splits longer dialogues. */
  public static final int MAX_TURNS = 1_000;

  /** Longest turn accepted, in UTF-16 chars. */
  public static final int MAX_TURN_CHARS = 2_000;

  static final String MAGIC = "tinyseq-pool";
  static final int VERSION = 1;
  private static final int MAX_LINE_CHARS = MAX_TURNS * (MAX_TURN_CHARS + 1);

  private PoolFile() {}

  /** Receives the pairs of a pool in file order. */
  @FunctionalInterface
  public interface PairVisitor {
    void pair(String message, String reply);
  }

  /** The counts of a pool file. */
  public record Summary(int dialogues, int pairs) {}

  /**
   * The file's bytes for {@code dialogues} (each at least two turns, each turn a valid field);
   * dialogues longer than {@link #MAX_TURNS} are split with one turn of overlap, so every pair is
   * kept.
   *
   * @throws IllegalArgumentException on a dialogue or turn the reader would refuse
   */
  public static byte[] write(List<List<String>> dialogues) {
    int lines = 0;
    long pairs = 0;
    for (List<String> d : dialogues) {
      if (d.size() < 2) {
        throw new IllegalArgumentException("a dialogue needs at least two turns");
      }
      lines += (d.size() - 2) / (MAX_TURNS - 1) + 1;
      pairs += d.size() - 1;
    }
    if (lines > MAX_DIALOGUES || pairs > MAX_PAIRS) {
      throw new IllegalArgumentException(
          "a pool holds at most " + MAX_DIALOGUES + " dialogues and " + MAX_PAIRS + " pairs");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer w =
        new OutputStreamWriter(
            new XZOutputStream(bytes, new LZMA2Options(PRESET)), StandardCharsets.UTF_8)) {
      w.write(MAGIC + "\t" + VERSION + "\t" + lines + "\t" + pairs + "\n");
      for (List<String> d : dialogues) {
        for (String turn : d) {
          checkTurn(turn);
        }
        for (int start = 0; start < d.size() - 1; start += MAX_TURNS - 1) {
          List<String> part = d.subList(start, Math.min(d.size(), start + MAX_TURNS));
          w.write(String.join("\t", part));
          w.write('\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (PoolFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  /** Checks the whole file, calling {@code visitor} for each pair; the first problem throws. */
  public static Summary read(byte[] file, PairVisitor visitor) throws PoolFileException {
    return read(file, MAX_TEXT_BYTES, visitor);
  }

  /** {@link #read(byte[], PairVisitor)} with another cap on the decompressed text (tests). */
  static Summary read(byte[] file, long maxTextBytes, PairVisitor visitor)
      throws PoolFileException {
    return read(file, maxTextBytes, MAX_DECODER_KIB, visitor);
  }

  /** With another cap on the decoder's memory too (tests). */
  static Summary read(byte[] file, long maxTextBytes, int maxDecoderKib, PairVisitor visitor)
      throws PoolFileException {
    if (file.length > MAX_FILE_BYTES) {
      throw new PoolFileException(
          FILE_NAME
              + " is "
              + file.length
              + " bytes, more than the "
              + MAX_FILE_BYTES
              + " allowed");
    }
    try (StrictTextLines lines =
        StrictTextLines.open(
            () -> new XZInputStream(new ByteArrayInputStream(file), maxDecoderKib),
            maxTextBytes,
            FILE_NAME)) {
      String header = lines.next(64);
      String[] h = header == null ? new String[0] : header.split("\t", -1);
      if (h.length != 4 || !MAGIC.equals(h[0])) {
        throw new PoolFileException(FILE_NAME + ": not a pool file (bad header)");
      }
      if (!String.valueOf(VERSION).equals(h[1])) {
        throw new PoolFileException(FILE_NAME + ": unsupported pool version '" + h[1] + "'");
      }
      int dialogues = count(h[2], "dialogue", MAX_DIALOGUES);
      int pairs = count(h[3], "pair", MAX_PAIRS);
      long seen = 0;
      for (int i = 1; i <= dialogues; i++) {
        String line = lines.next(MAX_LINE_CHARS);
        if (line == null) {
          throw new PoolFileException(
              FILE_NAME + ": truncated: " + (i - 1) + " of " + dialogues + " dialogues");
        }
        String[] turns = line.split("\t", -1);
        if (turns.length < 2 || turns.length > MAX_TURNS) {
          throw new PoolFileException(
              FILE_NAME
                  + ": dialogue "
                  + i
                  + " has "
                  + turns.length
                  + " turns (2 to "
                  + MAX_TURNS
                  + " allowed)");
        }
        for (String turn : turns) {
          try {
            checkTurn(turn);
          } catch (PoolFileException e) {
            throw new PoolFileException(FILE_NAME + ": dialogue " + i + ": " + e.getMessage());
          }
        }
        seen += turns.length - 1;
        if (seen > pairs) {
          throw new PoolFileException(
              FILE_NAME + ": more pairs than the " + pairs + " the header announces");
        }
        for (int t = 0; t + 1 < turns.length; t++) {
          visitor.pair(turns[t], turns[t + 1]);
        }
      }
      if (seen != pairs) {
        throw new PoolFileException(
            FILE_NAME + ": " + seen + " pairs, the header announces " + pairs);
      }
      if (!lines.atEnd()) {
        throw new PoolFileException(FILE_NAME + ": data after the last dialogue");
      }
      return new Summary(dialogues, pairs);
    } catch (TextFileException e) {
      throw new PoolFileException(e.getMessage(), e);
    } catch (IOException e) {
      throw new PoolFileException(FILE_NAME + ": unreadable (" + e.getMessage() + ")", e);
    }
  }

  private static int count(String s, String what, int max) throws PoolFileException {
    if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new PoolFileException(FILE_NAME + ": bad " + what + " count '" + s + "'");
    }
    int n = Integer.parseInt(s);
    if (n > max) {
      throw new PoolFileException(
          FILE_NAME + ": " + n + " " + what + "s, more than the " + max + " allowed");
    }
    return n;
  }

  private static void checkTurn(String s) throws PoolFileException {
    if (s.isEmpty()) {
      throw new PoolFileException("empty turn");
    }
    if (s.length() > MAX_TURN_CHARS) {
      throw new PoolFileException("turn longer than " + MAX_TURN_CHARS + " characters");
    }
    if (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
      throw new PoolFileException("turn starts or ends with white space");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new PoolFileException("turn holds a control character");
      }
    }
  }

  /** True when {@code s} may be a turn of a pool (what {@link #read} accepts). */
  public static boolean isValidTurn(String s) {
    try {
      checkTurn(s);
      return true;
    } catch (PoolFileException e) {
      return false;
    }
  }
}
