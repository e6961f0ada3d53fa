package org.tinyseq.serve;

/**
 * Which translate command a text goes to. The direction comes from the text's words: a Han
 * character counts as one word (Chinese writes no spaces), a run of Latin letters as one; more than
 * half Chinese goes to English, more than half English goes to Chinese; a text mostly of another
 * script (kana and Hangul count per character, other alphabets per word) is neither and gets a
 * short answer instead of a garbled translation. Digits, punctuation and emoji count for no side,
 * and a text without letters goes to the English-to-Chinese model (numbers and symbols pass through
 * it). An explicit target ({@link Into#ENGLISH}, {@link Into#CHINESE}) is for mixed text: it only
 * needs some text of the other language.
 */
public final class TranslateRoute {
  private TranslateRoute() {}

  /** The language a translation goes into. */
  public enum Into {
    /** Decided by the text's letters. */
    AUTO,
    ENGLISH,
    CHINESE
  }

  /**
   * Where a text goes: a command, or a short refusal for the user.
   *
   * @param command the translate command, or null when refused
   * @param refusal the message for the user when refused, else empty
   */
  public record Route(Command command, String refusal) {
    public boolean refused() {
      return command == null;
    }
  }

  static final String NEITHER =
      "I translate between English and Chinese, and that text looks like neither.";
  static final String NO_CHINESE = "That text has no Chinese to translate into English.";
  static final String NO_ENGLISH = "That text has no English to translate into Chinese.";

  public static Route of(String text, Into into) {
    Letters letters = Letters.of(text);
    return switch (into) {
      case ENGLISH -> letters.han > 0 ? to(Command.TRANSLATE_ZH_EN) : new Route(null, NO_CHINESE);
      case CHINESE -> letters.latin > 0 ? to(Command.TRANSLATE) : new Route(null, NO_ENGLISH);
      case AUTO -> {
        if (letters.han * 2 > letters.all) {
          yield to(Command.TRANSLATE_ZH_EN);
        }
        if (letters.all == 0 || letters.latin * 2 > letters.all) {
          yield to(Command.TRANSLATE);
        }
        yield new Route(null, NEITHER);
      }
    };
  }

  private static Route to(Command command) {
    return new Route(command, "");
  }

  /** Word counts by script, as the class comment describes. */
  record Letters(int all, int latin, int han) {
    static Letters of(String text) {
      int latin = 0;
      int han = 0;
      int other = 0;
      Character.UnicodeScript previous = null;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        if (!Character.isLetter(cp) && !Character.isIdeographic(cp)) {
          previous = null;
          continue;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        boolean newWord = script != previous;
        previous = script;
        switch (script) {
          case HAN -> han++;
          case HIRAGANA, KATAKANA, HANGUL, BOPOMOFO -> other++;
          case LATIN -> latin += newWord ? 1 : 0;
          default -> other += newWord ? 1 : 0;
        }
      }
      return new Letters(latin + han + other, latin, han);
    }
  }
}
