package org.tinyseq.serve.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batching defaults live in {@link BatcherConfig}; the docs' tables state them, and must say
 * what the code does (they once said 32 where the service used 64). Reads the repository's own docs
 * (the tests run from model/serve).
 */
class BatcherDefaultsDocumentedTest {
  private static final Path DOCS = Path.of("..", "..", "docs");

  @Test
  void theDefaultsAreTheConstants() {
    BatcherConfig d = BatcherConfig.defaults();
    assertEquals(BatcherConfig.DEFAULT_MAX_BATCH, d.maxBatch());
    assertEquals(Duration.ofMillis(BatcherConfig.DEFAULT_MAX_WAIT_MS), d.maxWait());
    assertEquals(BatcherConfig.DEFAULT_QUEUE_CAPACITY, d.queueCapacity());
    assertEquals(1, d.beamSize());
  }

  @Test
  void theServiceTableStatesThem() throws IOException {
    Path doc = DOCS.resolve("serving-service.md");
    assertEquals(
        Integer.toString(BatcherConfig.DEFAULT_MAX_BATCH), cell(doc, "`batcher.maxBatch`", 1));
    assertEquals(BatcherConfig.DEFAULT_MAX_WAIT_MS + " ms", cell(doc, "`batcher.maxWait`", 1));
    assertEquals(
        Integer.toString(BatcherConfig.DEFAULT_QUEUE_CAPACITY),
        cell(doc, "`batcher.queueCapacity`", 1));
  }

  @Test
  void theDecoderTableStatesThem() throws IOException {
    Path doc = DOCS.resolve("serving-decoder.md");
    assertEquals(Integer.toString(BatcherConfig.DEFAULT_MAX_BATCH), cell(doc, "`maxBatch`", 2));
    assertEquals(BatcherConfig.DEFAULT_MAX_WAIT_MS + " ms", cell(doc, "`maxWait`", 2));
    assertEquals(
        Integer.toString(BatcherConfig.DEFAULT_QUEUE_CAPACITY),
        cell(doc, "`queueCapacity`", 2).split(" ")[0]);
  }

  /** Column {@code column} (0 = the first) of the table row whose first cell is {@code key}. */
  private static String cell(Path doc, String key, int column) throws IOException {
    for (String line : Files.readAllLines(doc)) {
      List<String> cells = Arrays.stream(line.split("\\|", -1)).map(String::strip).toList();
      // "| a | b |" splits into "", "a", "b", ""
      if (cells.size() > column + 2 && cells.get(0).isEmpty() && cells.get(1).equals(key)) {
        return cells.get(column + 1);
      }
    }
    throw new AssertionError("no table row for " + key + " in " + doc);
  }
}
