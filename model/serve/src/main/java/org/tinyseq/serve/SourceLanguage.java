package org.tinyseq.serve;

/**
 * Whether a translate request is in its model's source language. The English-to-Chinese model reads
 * English only; a text in another script (Chinese, Japanese, Korean, Cyrillic...) would come out as
 * a garbled "translation" of unknown tokens, so it gets a short, clear answer instead. The rule is
 * the script of the letters: more than half of them outside the Latin script means not English.
 * Digits, punctuation and emoji count for neither side. Latin-script languages other than English
 * pass (the script cannot tell them apart).
 */
final class SourceLanguage {
  private SourceLanguage() {}

  /** True when most letters of {@code text} are of a script other than Latin. */
  static boolean notEnglish(String text) {
    int letters = 0;
    int other = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetter(cp) || Character.isIdeographic(cp)) {
        letters++;
        if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) {
          other++;
        }
      }
    }
    return other * 2 > letters;
  }

  /** True when {@code text} has at least one Han character. */
  static boolean hasChinese(String text) {
    return text.codePoints()
        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }

  static final String MESSAGE =
      "That text is not English, so there is no English to translate into Chinese.";
}
