package org.tinyseq.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.Checksums;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.chat.ChatRanking;
import org.tinyseq.train.data.DataOptions;

class ChatEvalCommandTest {
  private static final Architecture TINY =
      Architecture.builder().latentDim(8).embeddingDims(4, 4).maxLengths(30, 12).build();
  private static final List<String> CHARS = List.of("a", "b", "c", " ", "?", ".");

  @TempDir Path dir;

  @Test
  void reportsTheFourSystemsTunesOnOtherMessagesAndRecordsTheRankingInANewBundle()
      throws Exception {
    StringBuilder d = new StringBuilder("conversation\ttopic\tturn\ttext\n");
    String[] turns = {"ab c?", "ca b.", "bb a", "a a c?", "cab.", "b c a", "acb?", "c c."};
    for (int c = 1; c <= 60; c++) {
      for (int t = 1; t <= 4; t++) {
        d.append(c).append("\tt\t").append(t).append('\t');
        d.append(turns[(c * 3 + t) % turns.length]).append(" ").append(c % 7).append('\n');
      }
    }
    Path corpus = dir.resolve("dialogues.tsv");
    Files.writeString(corpus, d);
    String sha = Checksums.sha256(Files.readAllBytes(corpus));
    Map<String, Object> training = new DataOptions(5, 0.5, true, 30, 30).toMap();
    Path model =
        RandomBundles.write(
            dir.resolve("models"),
            "chat",
            "chat-f",
            TINY,
            CHARS,
            CHARS,
            3,
            Map.of("name", "d", "sha256", sha),
            training);
    Path reverse =
        RandomBundles.write(
            dir.resolve("rev"),
            "chat",
            "chat-r",
            TINY,
            CHARS,
            CHARS,
            4,
            Map.of("name", "d", "sha256", sha),
            training);
    Path json = dir.resolve("chat.json");
    Path out = dir.resolve("tuned");
    CliRun run =
        CliRun.run(
            "",
            "chat-eval",
            "--model",
            model.toString(),
            "--reverse",
            reverse.toString(),
            "--data",
            corpus.toString(),
            "--messages",
            "20",
            "--tune-messages",
            "20",
            "--lambdas",
            "0,0.5,1",
            "--retrieved",
            "0,2,4",
            "--generated",
            "0,2",
            "--short-penalties",
            "0,0.5",
            "--max-cost",
            "7",
            "--threads",
            "1",
            "--json",
            json.toString(),
            "--write-bundle",
            out.toString());
    assertEquals(0, run.exitCode(), run.err());
    for (String row :
        List.of(
            "decoder (greedy)",
            "retrieval alone (top-1)",
            "rerank p(T|S) only",
            "rerank both ways",
            "true replies",
            "<- chosen")) {
      assertTrue(run.out().contains(row), row + " in\n" + run.out());
    }
    JsonNode figures = new ObjectMapper().readTree(json.toFile());
    assertEquals(20, figures.get("messages").asInt());
    assertEquals(20, figures.get("tuneMessages").asInt());
    ChatRanking chosen =
        new ObjectMapper().convertValue(figures.get("chatRanking"), ChatRanking.class);
    JsonNode grid = figures.get("grid");
    assertEquals(3 * 2 * 2 - 2, grid.size(), "k = N = 0 is no setting");
    // a candidate costs a unit when both directions are read, half a unit when one is
    double perCandidate = chosen.lambda() > 0 && chosen.lambda() < 1 ? 1 : 0.5;
    for (JsonNode g : grid) {
      assertEquals(
          g.get("meanCandidates").asDouble() * perCandidate + 1.5 * g.get("generated").asInt() <= 7,
          g.get("inBudget").asBoolean());
    }
    assertTrue(chosen.retrieved() <= 4 && chosen.generated() <= 2);

    List<Path> written;
    try (Stream<Path> s = Files.list(out)) {
      written = s.toList();
    }
    assertEquals(1, written.size());
    Bundle tuned = BundleReader.read(BundleSource.directory(written.get(0)));
    assertEquals(chosen, ChatRanking.fromMetrics(tuned.manifest().metrics()));
    assertTrue(tuned.manifest().metrics().containsKey("chatEval"));
  }

  @Test
  void aTranslateModelIsRefusedInOneLine() throws Exception {
    Path corpus = dir.resolve("c.tsv");
    Files.writeString(corpus, "ab\tba\n");
    Path model = RandomBundles.write(dir, "translate", "t-1", TINY, CHARS, CHARS, 1);
    CliRun run =
        CliRun.run("", "chat-eval", "--model", model.toString(), "--data", corpus.toString());
    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.err().contains("is a translate model, not chat"), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
  }
}
