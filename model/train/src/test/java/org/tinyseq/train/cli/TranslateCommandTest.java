package org.tinyseq.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.decode.GreedyDecoder;

class TranslateCommandTest {
  @TempDir Path dir;

  @Test
  void writesOneDecodingPerLineInOrderAndEmptyForEmpty() throws Exception {
    Path bundle =
        RandomBundles.write(
            dir,
            "translate-t1",
            List.of("a", "b", "c", " "),
            List.of("甲", "乙", "丙"),
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
    Path bundle =
        RandomBundles.write(dir, "translate-t2", List.of("a"), List.of("甲"), Map.of(), Map.of());
    CliRun run = CliRun.run("a\n", "translate", "--model", bundle.toString(), "--max-steps", "1");
    assertEquals(0, run.exitCode(), run.err());
    assertEquals(1, run.out().lines().count());
    assertEquals(true, run.out().strip().codePointCount(0, run.out().strip().length()) <= 1);
  }
}
