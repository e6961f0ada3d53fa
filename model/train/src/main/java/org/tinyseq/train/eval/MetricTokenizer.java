package org.tinyseq.train.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Tokens for BLEU and reply diversity, as sacrebleu's {@code zh} tokenizer makes them: every CJK
 * character (Han, kana, Hangul, CJK punctuation, full-width forms) is one token, and the rest is
 * tokenised by sacrebleu's default {@code 13a} rules (the mteval-v13a script): ASCII punctuation
 * and symbols are split off, except the apostrophe and the hyphen (so "don't" and "well-known" stay
 * one token); a period or comma stays inside a number ("3.5", "1,000"); a hyphen after a digit is
 * split off. Case is kept (sacrebleu's default is cased). So Chinese is scored character by
 * character and English word by word, and pure English text gets exactly sacrebleu's {@code 13a}
 * tokens.
 */
public final class MetricTokenizer {
  private static final Pattern SYMBOL = Pattern.compile("([\\{-~\\[-` -&\\(-+:-@/])");
  private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
  private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
  private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private MetricTokenizer() {}

  public static List<String> tokens(String text) {
    StringBuilder spaced = new StringBuilder(text.length() + 16).append(' ');
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isCjk(cp)) {
        spaced.append(' ').appendCodePoint(cp).append(' ');
      } else {
        spaced.appendCodePoint(cp);
      }
    }
    String line = spaced.append(' ').toString();
    line = SYMBOL.matcher(line).replaceAll(" $1 ");
    line = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(line).replaceAll("$1 $2 ");
    line = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(line).replaceAll(" $1 $2");
    line = DASH_AFTER_DIGIT.matcher(line).replaceAll("$1 $2 ");
    List<String> out = new ArrayList<>();
    for (String token : SPACES.split(line.strip())) {
      if (!token.isEmpty()) {
        out.add(token);
      }
    }
    return out;
  }

  static boolean isCjk(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    if (script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL
        || script == Character.UnicodeScript.BOPOMOFO) {
      return true;
    }
    Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
    return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
        || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
  }
}
