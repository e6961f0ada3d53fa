package org.tinyseq.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.text.ChineseFold;

/**
 * Serving folds Traditional to Simplified with a table (model-serve has no ICU): the table must be
 * exactly ICU's one-character conversions, the ones training applies.
 */
class ChineseFoldTableTest {
  @Test
  void theServingTableIsIcusOneToOneConversion() {
    List<String> expected = new ArrayList<>();
    for (int cp = 0x3400; cp <= 0x2FFFF; cp++) {
      if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.HAN) {
        continue;
      }
      String s = new String(Character.toChars(cp));
      String r = ChineseScript.toSimplified(s);
      if (!r.equals(s) && r.codePointCount(0, r.length()) == 1) {
        expected.add(s + r);
      }
    }
    List<String> table = new ArrayList<>();
    for (int[] p : ChineseFold.pairs()) {
      table.add(new String(p, 0, 2));
    }
    assertEquals(expected, table);
  }

  @Test
  void servingAndTrainingAgreeOnASentence() {
    String traditional = "這是我們學校的圖書館，歡迎來參觀。";
    assertEquals(ChineseScript.toSimplified(traditional), ChineseFold.toSimplified(traditional));
    assertEquals("这是我们学校的图书馆，欢迎来参观。", ChineseFold.toSimplified(traditional));
    assertEquals("Hello 你好", ChineseFold.toSimplified("Hello 你好"));
  }
}
