package org.tinyseq.serve.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits normalised text into source tokens ({@link TokenUnit}). {@code char}: one token per code
 * point. {@code word}: lower-cased words (letters with inner apostrophes), numbers, and single
 * punctuation marks; spaces are dropped. Targets are always characters.
 */
public final class Tokenizer {
  private static final Pattern WORD = Pattern.compile("\\p{L}+(?:'\\p{L}+)*|\\p{N}+|\\S");

  private Tokenizer() {}

  public static List<String> tokens(String normalized, TokenUnit unit) {
    List<String> out = new ArrayList<>();
    if (unit == TokenUnit.WORD) {
      Matcher m = WORD.matcher(normalized.toLowerCase(Locale.ROOT));
      while (m.find()) {
        out.add(m.group());
      }
    } else {
      normalized.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
    }
    return out;
  }
}
