package org.tinyseq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.text.TextNormalizer;

class InputCheckTest {
  private final InputCheck check = new InputCheck(50);

  @Test
  void theAsciiShortcutAgreesWithTheNormalizer() {
    Random r = new Random(7);
    String alphabet = "ab Z9!~ \t\u00a0\u200bﬁ\u3000é";
    int shortcuts = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = r.nextInt(8); j >= 0; j--) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      if (InputCheck.isAlreadyNormal(s)) {
        shortcuts++;
        assertEquals(TextNormalizer.normalize(s), s, () -> "'" + s + "'");
      }
    }
    assertTrue(shortcuts > 1000, "the shortcut is taken for plain text: " + shortcuts);
    assertFalse(InputCheck.isAlreadyNormal("a  b"));
    assertFalse(InputCheck.isAlreadyNormal(" a"));
    assertFalse(InputCheck.isAlreadyNormal("ﬁ"));
  }

  @Test
  void normalisesBeforeMeasuring() {
    InputCheck.Result r = check.check("  hello \u200b  world\n");
    assertTrue(r.accepted());
    assertEquals("hello world", r.text());
    assertEquals(Status.TOO_LONG, check.check("x".repeat(51)).status());
    assertTrue(check.check(" ".repeat(60) + "x").accepted(), "whitespace folds before the limit");
    assertEquals(Status.INVALID_INPUT, check.check("a\u0000b").status());
    assertEquals(Status.INVALID_INPUT, check.check("a\ud800b").status());
    assertEquals(Status.EMPTY_INPUT, check.check("\u200b").status());
  }
}
