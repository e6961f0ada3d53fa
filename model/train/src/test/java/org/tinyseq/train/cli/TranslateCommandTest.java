package org.tinyseq.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.decode.GreedyDecoder;

class TranslateCommandTest {
  /** A tiny LSTM over characters: sources up to 30, targets up to 6 steps. */
  private static final Architecture TINY = new Architecture("lstm", "char", 8, 4, 4, true, 30, 6);

  @TempDir Path dir;

  @Test
  void writesOneDecodingPerLineInOrderAndEmptyForEmpty() throws Exception {
    Path bundle =
        RandomBundles.write(
            dir,
            "translate",
            "translate-t1",
            TINY,
            List.of("a", "b", "c", " "),
            List.of("甲", "乙", "丙"),
            3,
            Map.of(),
            Map.of());
    GreedyDecoder decoder = GreedyDecoder.of(BundleReader.read(BundleSource.directory(bundle)));
    List<String> lines = List.of("ab", "", "c a", "  b\u200B  ", "zzz");
    CliRun run =
        CliRun.run(
            String.join("\n", lines) + "\n",
            "translate",
            "--model",
            bundle.toString(),
            "--batch",
            "2");
    assertEquals(0, run.exitCode(), run.err());
    List<String> expected =
        List.of(
            decoder.decode(decoder.sourceIds("ab"), 6).text(),
            "",
            decoder.decode(decoder.sourceIds("c a"), 6).text(),
            decoder.decode(decoder.sourceIds("b"), 6).text(),
            decoder.decode(decoder.sourceIds("zzz"), 6).text());
    assertEquals(expected, run.out().lines().toList());
  }

  @Test
  void maxStepsLimitsTheOutput() throws Exception {
    // This model emits 甲 at every step and never the end marker: only a step limit stops it, so
    // its output length is the limit (the model's own maxTargetLength of 6 without --max-steps).
    Path bundle =
        RandomBundles.writeRepeating(dir, "translate", "translate-t2", TINY, List.of("a"), "甲");
    CliRun unlimited = CliRun.run("a\n", "translate", "--model", bundle.toString());
    assertEquals(0, unlimited.exitCode(), unlimited.err());
    assertEquals("甲".repeat(6), unlimited.out().strip());
    for (int steps : new int[] {1, 3}) {
      CliRun run =
          CliRun.run("a\n", "translate", "--model", bundle.toString(), "--max-steps", "" + steps);
      assertEquals(0, run.exitCode(), run.err());
      assertEquals(List.of("甲".repeat(steps)), run.out().lines().toList());
    }
  }

  @Test
  void theDefaultTranslatesEachLineIntoTheOtherLanguage() throws Exception {
    List<String> lines = List.of("I like tea.", "這是書。", "", "こんにちは、元気ですか", "这是书。");
    CliRun run =
        CliRun.run(String.join("\n", lines) + "\n", "translate", "--model", "default:translate");
    assertEquals(0, run.exitCode(), run.err());
    List<String> out = run.out().lines().toList();
    assertEquals(5, out.size(), run.out());
    assertTrue(hasHan(out.get(0)), "English becomes Chinese: " + out.get(0));
    assertFalse(hasHan(out.get(1)), "Chinese becomes English: " + out.get(1));
    assertEquals("", out.get(2));
    assertEquals("", out.get(3));
    assertTrue(run.err().contains("line 4: I translate between English and Chinese"), run.err());
    assertEquals(out.get(1), out.get(4), "Traditional is folded to Simplified first");

    CliRun forced =
        CliRun.run(
            "How do you say 你好?\n", "translate", "--model", "default:translate", "--to", "english");
    assertEquals(0, forced.exitCode(), forced.err());
    assertFalse(hasHan(forced.out()), forced.out());
  }

  private static boolean hasHan(String s) {
    return s.codePoints()
        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }
}
