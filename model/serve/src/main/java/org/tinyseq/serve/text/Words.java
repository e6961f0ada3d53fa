package org.tinyseq.serve.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words of a reply as the chat path sees them: runs of letters, digits and apostrophes, lower-cased
 * ({@link Locale#ROOT}); every other character separates words. The decoder's repetition blocking,
 * the scorer's penalties and the evaluation's repetition share all use this one rule.
 */
public final class Words {
  private Words() {}

  /** Letters, digits and apostrophes (so "don't" is one word). */
  public static boolean isWordCodePoint(int cp) {
    return Character.isLetterOrDigit(cp) || cp == '\'' || cp == '\u2019';
  }

  /** The words of {@code text}, in order. */
  public static List<String> of(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    text.codePoints()
        .forEach(
            cp -> {
              if (isWordCodePoint(cp)) {
                word.appendCodePoint(cp);
              } else if (word.length() > 0) {
                words.add(word.toString().toLowerCase(Locale.ROOT));
                word.setLength(0);
              }
            });
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }

  /** True when some word n-gram occurs twice in {@code words} (overlapping occurrences count). */
  public static boolean repeatsNgram(List<String> words, int n) {
    Set<List<String>> seen = new HashSet<>();
    for (int i = 0; i + n <= words.size(); i++) {
      if (!seen.add(words.subList(i, i + n))) {
        return true;
      }
    }
    return false;
  }

  /** {@link #repeatsNgram(List, int)} of the words of {@code text}. */
  public static boolean repeatsNgram(String text, int n) {
    return repeatsNgram(of(text), n);
  }
}
