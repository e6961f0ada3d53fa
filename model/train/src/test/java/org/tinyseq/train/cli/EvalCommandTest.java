package org.tinyseq.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Checksums;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.data.PreparedData;

class EvalCommandTest {
  /** A tiny LSTM over characters: sources up to 30, targets up to 6 steps. */
  private static final Architecture TINY = new Architecture("lstm", "char", 8, 4, 4, true, 30, 6);

  private static final DataOptions OPTIONS = new DataOptions(5, 0.25, true, 20, 10);

  @TempDir Path dir;
  private Path corpus;

  @BeforeEach
  void writeCorpus() throws IOException {
    StringBuilder text = new StringBuilder();
    String[] words = {"ab", "ba", "abc", "cab", "bca", "cc", "a b", "b c", "ca", "bb", "aa", "acb"};
    String[] targets = {"甲", "乙", "丙", "甲乙", "乙丙", "丙丙", "甲丙", "乙甲", "丙甲", "乙乙", "甲甲", "甲丙乙"};
    for (int i = 0; i < words.length; i++) {
      text.append(words[i])
          .append('\t')
          .append(targets[i])
          .append("\tCC-BY #")
          .append(i)
          .append('\n');
    }
    text.append("ab\t甲甲\tCC-BY #99\n"); // a second translation of "ab"
    corpus = dir.resolve("tiny.txt");
    Files.writeString(corpus, text);
  }

  private Path bundle(String version, String sha) throws IOException {
    return RandomBundles.write(
        dir.resolve("models"),
        "translate",
        version,
        TINY,
        List.of("a", "b", "c", " "),
        List.of("甲", "乙", "丙"),
        3,
        Map.of("name", "tiny", "sha256", sha),
        OPTIONS.toMap());
  }

  @Test
  void rebuildsTheValidationSplitOfTheTrainingCorpus() throws Exception {
    Path model = bundle("translate-e1", Checksums.sha256(Files.readAllBytes(corpus)));
    Path json = dir.resolve("scores.json");
    CliRun run =
        CliRun.run(
            "",
            "eval",
            "--model",
            model.toString(),
            "--data",
            corpus.toString(),
            "--json",
            json.toString(),
            "--baseline");
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(run.err().contains("warning"), run.err());
    PreparedData expected =
        DataPipeline.prepare(
            org.tinyseq.train.data.CorpusLoader.load(
                corpus,
                org.tinyseq.train.data.CorpusFormat.AUTO,
                org.tinyseq.train.data.MalformedPolicy.FAIL),
            OPTIONS);
    JsonNode scores = new ObjectMapper().readTree(json.toFile());
    assertEquals("validation", scores.get("split").asText());
    assertEquals(expected.validation().size(), scores.get("result").get("sentences").asInt());
    assertEquals(expected.validation().size(), scores.get("baseline").get("sentences").asInt());
    assertTrue(run.out().contains("translation memory"), run.out());
    assertTrue(run.out().contains("BLEU"), run.out());
  }

  @Test
  void rerankWithPrintsOneRowPerLambdaAndNeedsABeam() throws Exception {
    Path model = bundle("translate-e5", Checksums.sha256(Files.readAllBytes(corpus)));
    String[] args = {
      "eval",
      "--model",
      model.toString(),
      "--data",
      corpus.toString(),
      "--rerank-with",
      model.toString(),
      "--rerank-lambda",
      "1,0.5",
      "--memory",
      "off"
    };
    CliRun greedy = CliRun.run("", args);
    assertEquals(2, greedy.exitCode(), greedy.err());
    assertTrue(greedy.err().contains("--rerank-with needs --beam 2 or more"), greedy.err());
    List<String> withBeam = new java.util.ArrayList<>(List.of(args));
    withBeam.addAll(List.of("--beam", "3"));
    CliRun run = CliRun.run("", withBeam.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("noisy channel, 3 best reranked"), run.out());
    assertTrue(run.out().contains("lambda 1.00"), run.out());
    assertTrue(run.out().contains("lambda 0.50"), run.out());
  }

  @Test
  void otherDataIsEvaluatedWholeWithAWarning() throws Exception {
    Path model = bundle("translate-e2", "0".repeat(64));
    Path json = dir.resolve("scores.json");
    CliRun run =
        CliRun.run(
            "",
            "eval",
            "--model",
            model.toString(),
            "--data",
            corpus.toString(),
            "--json",
            json.toString(),
            "--limit",
            "5");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("warning"), run.err());
    JsonNode scores = new ObjectMapper().readTree(json.toFile());
    assertEquals("all", scores.get("split").asText());
    assertEquals(5, scores.get("result").get("sentences").asInt());
  }

  @Test
  void missingDataIsOneLineError() throws Exception {
    Path model = bundle("translate-e3", "x");
    CliRun run =
        CliRun.run(
            "",
            "eval",
            "--model",
            model.toString(),
            "--data",
            dir.resolve("absent.txt").toString());
    assertEquals(2, run.exitCode());
    assertEquals(
        "model eval: no such file or folder: " + dir.resolve("absent.txt") + "\n", run.err());
  }

  @Test
  void baselineCommandPrintsCountsAndScores() throws Exception {
    CliRun run =
        CliRun.run(
            "",
            "baseline",
            "--data",
            corpus.toString(),
            "--validation-fraction",
            "0.25",
            "--split-seed",
            "5");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("pairsRead                          13"), run.out());
    assertTrue(run.out().contains("translation memory"), run.out());
    assertTrue(run.out().contains("targetVocabularyWithoutSimplified"), run.out());
  }

  @Test
  void noSimplifiedFlagTurnsTheConversionOff() {
    CliRun run = CliRun.run("", "baseline", "--data", corpus.toString(), "--no-simplified");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("targetVocabularySimplified"), run.out());
  }

  @Test
  void chatModelOfTwoSourcesIsScoredOnBothValidationSplitsWithDiversity() throws Exception {
    StringBuilder dialogues = new StringBuilder("conversation\ttopic\tturn\ttext\n");
    for (int c = 1; c <= 8; c++) {
      for (int t = 1; t <= 3; t++) {
        dialogues.append(c).append("\tmusic\t").append(t).append("\tab").append(t).append('\n');
      }
    }
    Path second = dir.resolve("dialogues.tsv");
    Files.writeString(second, dialogues);
    String shaFirst = Checksums.sha256(Files.readAllBytes(corpus));
    String shaSecond = Checksums.sha256(Files.readAllBytes(second));
    Path model =
        RandomBundles.write(
            dir.resolve("models"),
            "chat",
            "chat-e1",
            TINY,
            List.of("a", "b", "c", " "),
            List.of("甲", "乙", "丙"),
            3,
            Map.of(
                "name", "tiny+dialogues",
                "sha256", "f".repeat(64),
                "sources", List.of(Map.of("sha256", shaFirst), Map.of("sha256", shaSecond))),
            OPTIONS.toMap());
    Path json = dir.resolve("chat.json");
    CliRun both =
        CliRun.run(
            "",
            "eval",
            "--model",
            model.toString(),
            "--data",
            corpus.toString(),
            "--data",
            second.toString(),
            "--json",
            json.toString(),
            "--baseline");
    assertEquals(0, both.exitCode(), both.err());
    assertFalse(both.err().contains("warning"), both.err());
    assertTrue(both.out().contains("dist-1"), both.out());
    org.tinyseq.train.data.Corpus combined =
        org.tinyseq.train.data.Corpus.combine(
            List.of(
                org.tinyseq.train.data.CorpusLoader.load(
                    corpus,
                    org.tinyseq.train.data.CorpusFormat.AUTO,
                    org.tinyseq.train.data.MalformedPolicy.FAIL),
                org.tinyseq.train.data.CorpusLoader.load(
                    second,
                    org.tinyseq.train.data.CorpusFormat.AUTO,
                    org.tinyseq.train.data.MalformedPolicy.FAIL)));
    PreparedData expected = DataPipeline.prepare(combined, OPTIONS);
    JsonNode scores = new ObjectMapper().readTree(json.toFile());
    assertEquals("validation", scores.get("split").asText());
    assertEquals(expected.validation().size(), scores.get("result").get("sentences").asInt());
    assertTrue(scores.get("result").has("diversity"), scores.toString());
    assertTrue(scores.get("baseline").get("diversity").has("topReplyShare"), scores.toString());

    // one of the two sources: still its validation split, with a note
    CliRun one = CliRun.run("", "eval", "--model", model.toString(), "--data", second.toString());
    assertEquals(0, one.exitCode(), one.err());
    assertTrue(one.err().contains("note: 1 of the 2 sources"), one.err());
    assertTrue(one.out().contains("validation split"), one.out());

    // another model, trained on something else, scored on the chat model's validation pairs
    Path other = bundle("translate-e9", "0".repeat(64));
    Path otherJson = dir.resolve("other.json");
    CliRun same =
        CliRun.run(
            "",
            "eval",
            "--model",
            other.toString(),
            "--split-of",
            model.toString(),
            "--data",
            corpus.toString(),
            "--data",
            second.toString(),
            "--sample",
            "3",
            "--json",
            otherJson.toString());
    assertEquals(0, same.exitCode(), same.err());
    assertFalse(same.err().contains("warning"), same.err());
    JsonNode otherScores = new ObjectMapper().readTree(otherJson.toFile());
    assertEquals("validation", otherScores.get("split").asText());
    assertEquals(3, otherScores.get("result").get("sentences").asInt());
  }

  @Test
  void anEvenSampleSpreadsOverTheWholeList() {
    assertEquals(
        List.of(0, 3, 6),
        org.tinyseq.train.data.EvenSample.of(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), 3));
    assertEquals(
        List.of(0, 2, 5, 7),
        org.tinyseq.train.data.EvenSample.of(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 4));
    assertEquals(List.of(1, 2), org.tinyseq.train.data.EvenSample.of(List.of(1, 2), 5));
  }
}
