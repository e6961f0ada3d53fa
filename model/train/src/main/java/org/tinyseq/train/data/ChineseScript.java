package org.tinyseq.train.data;

import com.ibm.icu.text.Transliterator;

/** Traditional-to-Simplified conversion of Chinese characters with ICU4J. */
public final class ChineseScript {
  private ChineseScript() {}

  /** Lazily created: building the transliterator takes a moment and many runs never need it. */
  private static final class Holder {
    static final Transliterator TRADITIONAL_TO_SIMPLIFIED =
        Transliterator.getInstance("Traditional-Simplified");
  }

  /**
   * Converts the Han characters of {@code text} from Traditional to Simplified forms; text without
   * Han characters is returned as is.
   */
  public static String toSimplified(String text) {
    if (!containsHan(text)) {
      return text;
    }
    Transliterator transliterator = Holder.TRADITIONAL_TO_SIMPLIFIED;
    // A Transliterator instance is not thread-safe.
    synchronized (transliterator) {
      return transliterator.transliterate(text);
    }
  }

  static boolean containsHan(String text) {
    return text.codePoints()
        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }
}
