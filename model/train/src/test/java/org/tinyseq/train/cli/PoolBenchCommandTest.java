package org.tinyseq.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Checksums;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.train.data.DataOptions;

/** {@code model pool-bench} on a tiny dialogue corpus: one row per system, recall in range. */
class PoolBenchCommandTest {
  private static final Architecture TINY =
      Architecture.builder().latentDim(8).embeddingDims(4, 4).maxLengths(30, 6).build();

  @TempDir Path dir;

  @Test
  void measuresEverySystemOnTheValidationSplit() throws Exception {
    // Every conversation ends with the same reply, so a validation message's true reply is in the
    // training pool and every system finds it somewhere in its top 8.
    StringBuilder tsv = new StringBuilder("conversation\ttopic\tturn\ttext\n");
    for (int c = 1; c <= 9; c++) {
      tsv.append(c).append("\tx\t1\tdo you like band").append(c).append('\n');
      tsv.append(c).append("\tx\t2\tI do like band").append(c).append('\n');
      tsv.append(c).append("\tx\t3\tGreat.\n");
    }
    Path corpus = dir.resolve("d.tsv");
    Files.writeString(corpus, tsv);
    Path model =
        RandomBundles.write(
            dir.resolve("models"),
            "chat",
            "chat-1",
            TINY,
            RandomBundles.englishChars(),
            RandomBundles.englishChars(),
            1,
            Map.of("name", "d", "sha256", Checksums.sha256(Files.readAllBytes(corpus))),
            new DataOptions(3, 0.3, false, 0, 0).toMap());
    CliRun run =
        CliRun.run(
            "",
            "pool-bench",
            "--split-of",
            model.toString(),
            "--data",
            corpus.toString(),
            "--messages",
            "4",
            "--k",
            "1,8");
    assertEquals(0, run.exitCode(), run.err());
    String[] lines = run.out().split("\n");
    assertTrue(run.out().contains("4 evenly spaced messages"), run.out());
    int rows = 0;
    for (String line : lines) {
      if (line.startsWith("lucene BM25") || line.startsWith("trigram cosine")) {
        rows++;
        String[] f = line.substring(32).trim().split("\\s+");
        double r1 = Double.parseDouble(f[4]);
        double r8 = Double.parseDouble(f[5]);
        assertTrue(r1 >= 0 && r1 <= r8 && r8 <= 100, line);
        assertEquals(50.0, r8, line); // the "Great." replies; the other half are never in training
      }
    }
    assertEquals(3, rows, run.out());
    CliRun bad =
        CliRun.run(
            "",
            "pool-bench",
            "--split-of",
            model.toString(),
            "--data",
            corpus.toString(),
            "--k",
            "0");
    assertNotEquals(0, bad.exitCode());
  }
}
