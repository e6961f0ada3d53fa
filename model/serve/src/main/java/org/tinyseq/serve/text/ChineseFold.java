package org.tinyseq.serve.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Traditional-to-Simplified folding of Chinese characters at serving time, one character at a time.
 * Training converts with ICU4J (model-train's {@code ChineseScript}), which the serving jar does
 * not carry (14 MB); the character table it needs (3,080 pairs, 22 KB) is a resource made from ICU,
 * so a Traditional character meets the Simplified source vocabulary of the Chinese-to-English model
 * instead of {@code <unk>}. ICU's few phrase-level conversions are not in it.
 */
public final class ChineseFold {
  private static final String TABLE = "traditional-simplified.txt";

  private ChineseFold() {}

  /** Sorted Traditional code points and their Simplified forms, loaded on first use. */
  private static final class Table {
    static final int[] FROM;
    static final int[] TO;

    static {
      String text;
      try (InputStream in = ChineseFold.class.getResourceAsStream(TABLE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + TABLE);
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      int[][] pairs =
          text.lines()
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .map(l -> l.codePoints().toArray())
              .peek(
                  cps -> {
                    if (cps.length != 2) {
                      throw new IllegalStateException(
                          TABLE + ": not two characters: " + cps.length);
                    }
                  })
              .sorted((x, y) -> Integer.compare(x[0], y[0]))
              .toArray(int[][]::new);
      FROM = Arrays.stream(pairs).mapToInt(p -> p[0]).toArray();
      TO = Arrays.stream(pairs).mapToInt(p -> p[1]).toArray();
    }
  }

  /** {@code text} with every Traditional character of the table replaced by its Simplified form. */
  public static String toSimplified(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int at = i;
      i += Character.charCount(cp);
      if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN) {
        if (out != null) {
          out.appendCodePoint(cp);
        }
        continue;
      }
      int k = Arrays.binarySearch(Table.FROM, cp);
      if (k >= 0 && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, at);
      }
      if (out != null) {
        out.appendCodePoint(k >= 0 ? Table.TO[k] : cp);
      }
    }
    return out == null ? text : out.toString();
  }

  /** The table's pairs as {@code {traditional, simplified}} code points (tests). */
  public static int[][] pairs() {
    int[][] out = new int[Table.FROM.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = new int[] {Table.FROM[i], Table.TO[i]};
    }
    return out;
  }
}
