package org.tinyseq.train.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.train.cli.ModelCli;

/** {@code model bench} end to end on a tiny bundle: the table, the JSON and its figures. */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void benchPrintsTheTableAndWritesTheJsonReport() throws Exception {
    Architecture a =
        Architecture.builder()
            .cell(Cell.GRU)
            .latentDim(24)
            .embeddingDims(8, 8)
            .maxLengths(30, 10)
            .build();
    Path bundle =
        RandomBundles.write(
            dir,
            "translate",
            "tiny",
            a,
            RandomBundles.englishChars(),
            RandomBundles.cjkChars(60),
            3);
    Path json = dir.resolve("bench.json");
    StringWriter out = new StringWriter();
    int code =
        ModelCli.commandLine(new ModelCli())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(new StringWriter(), true))
            .execute(
                "bench",
                "--model",
                bundle.toString(),
                "--sentences",
                "24",
                "--reference-sentences",
                "3",
                "--callers",
                "1,4",
                "--seconds",
                "0.2",
                "--probe",
                "none",
                "--json",
                json.toString());
    assertEquals(0, code, out.toString());
    assertTrue(out.toString().contains("DL4J reference, same subset"), out.toString());
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    assertEquals("tiny", r.get("model").asText());
    assertEquals(24, r.get("sentences").asInt());
    assertEquals("3/3", r.get("dl4jReference").get("identicalOutputs").asText());
    assertTrue(r.get("speedupP50").asDouble() > 0);
    assertEquals(2, r.get("throughput").size());
    assertEquals(4, r.get("throughput").get(1).get("callers").asInt());
    assertTrue(r.get("throughput").get(1).get("sentences").asLong() > 0);
    assertTrue(r.get("java").get("p50Ms").asDouble() > 0);
  }

  @Test
  void benchRunsAnAttentionBundleWithABeamAndSaysWhyTheReferenceIsSkipped() throws Exception {
    Architecture a =
        Architecture.builder()
            .latentDim(16)
            .embeddingDims(8, 8)
            .maxLengths(30, 10)
            .attention(Attention.LUONG)
            .build();
    Path bundle =
        RandomBundles.write(
            dir,
            "translate",
            "tiny-luong",
            a,
            RandomBundles.englishChars(),
            RandomBundles.cjkChars(60),
            4);
    Path json = dir.resolve("bench-luong.json");
    StringWriter out = new StringWriter();
    int code =
        ModelCli.commandLine(new ModelCli())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(new StringWriter(), true))
            .execute(
                "bench",
                "--model",
                bundle.toString(),
                "--sentences",
                "12",
                "--beam",
                "2",
                "--callers",
                "2",
                "--seconds",
                "0.2",
                "--probe",
                "none",
                "--json",
                json.toString());
    assertEquals(0, code, out.toString());
    assertTrue(
        out.toString()
            .contains("DL4J reference skipped: the DL4J reference decoder has no attention"),
        out.toString());
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    assertEquals(2, r.get("beam").asInt());
    assertTrue(r.get("dl4jReference") == null);
    assertTrue(r.get("throughput").get(0).get("sentences").asLong() > 0);
  }

  @Test
  void aMissingBundleIsAOneLineError() {
    StringWriter err = new StringWriter();
    int code =
        ModelCli.commandLine(new ModelCli())
            .setOut(new PrintWriter(new StringWriter(), true))
            .setErr(new PrintWriter(err, true))
            .execute("bench", "--model", dir.resolve("nothing").toString());
    assertEquals(2, code);
    assertTrue(err.toString().startsWith("model bench: cannot use model:"), err.toString());
    assertEquals(1, err.toString().strip().lines().count());
  }
}
