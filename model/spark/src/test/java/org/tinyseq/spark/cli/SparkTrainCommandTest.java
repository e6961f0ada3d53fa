package org.tinyseq.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.memory.MemoryFile;
import org.tinyseq.spark.TinyPairs;
import org.tinyseq.train.cli.ModelCli;
import org.tinyseq.train.data.TextPair;
import org.tinyseq.train.training.BundleExport;
import org.tinyseq.train.training.ValidationMetrics;

/**
 * {@code model-spark.jar train} on {@code local[2]}: reads its data through a URI, writes a bundle
 * the serving core loads and decodes with, records Spark in the manifest, resumes from its
 * checkpoint, and refuses bad options with one line.
 */
class SparkTrainCommandTest {
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        SparkCli.commandLine()
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args);
    return new Run(code, out.toString().trim(), err.toString().trim());
  }

  private List<String> tiny(Path out, int epochs, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--master",
                "local[2]",
                "--data",
                TinyPairs.writeTsv(dir).toUri().toString(), // file:///...: read through Hadoop
                "--kind",
                "translate",
                "--tokens",
                "word",
                "--latent",
                "32",
                "--embedding",
                "8",
                "--batch-size",
                "8",
                "--learning-rate",
                "0.02",
                "--dropout",
                "0.1",
                "--epochs",
                "" + epochs,
                "--patience",
                "0",
                "--validation-fraction",
                "0.2",
                "--split-seed",
                "1",
                "--average-every",
                "2",
                "--quiet",
                "--out",
                out.toString()));
    args.addAll(List.of(extra));
    return args;
  }

  @Test
  void trainsWritesABundleThatDecodesAndRecordsSpark() throws Exception {
    Run run = run(tiny(dir.resolve("models"), 14).toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    Path written = Path.of(run.out());
    assertTrue(Files.isRegularFile(written.resolve(BundleExport.LOSS_CURVE)));
    assertTrue(Files.isRegularFile(written.resolve(MemoryFile.FILE_NAME)));

    Bundle bundle = BundleReader.read(BundleSource.directory(written));
    Map<String, Object> training = bundle.manifest().training();
    @SuppressWarnings("unchecked")
    Map<String, Object> spark = (Map<String, Object>) training.get("spark");
    assertEquals("local[2]", spark.get("master"));
    assertEquals(2, ((Number) spark.get("workers")).intValue());
    assertEquals("parameters", spark.get("averaging"));
    assertEquals(2, ((Number) spark.get("averageEvery")).intValue());
    assertEquals("linear", spark.get("learningRateScaling"));
    assertEquals(2.0, ((Number) spark.get("learningRateFactor")).doubleValue());
    assertTrue(training.get("command").toString().startsWith("spark-submit model-spark.jar train"));
    assertTrue(
        bundle.manifest().metrics().containsKey("bleu"), bundle.manifest().metrics().toString());

    List<TextPair> pairs = TinyPairs.pairs();
    List<String> outputs =
        ValidationMetrics.decodeAll(
            GreedyDecoder.of(bundle), pairs.stream().map(TextPair::source).toList());
    long right = 0;
    for (int i = 0; i < pairs.size(); i++) {
      right += outputs.get(i).equals(pairs.get(i).target()) ? 1 : 0;
    }
    assertTrue(right >= 0.7 * pairs.size(), right + " of " + pairs.size() + ": " + outputs);
  }

  @Test
  void resumingFromTheCheckpointContinuesAsAnUninterruptedRun() throws Exception {
    Path checkpoints = dir.resolve("checkpoint");
    Run straight = run(tiny(dir.resolve("a"), 4).toArray(String[]::new));
    assertEquals(0, straight.exitCode(), straight.err());
    Run first =
        run(
            tiny(dir.resolve("b"), 2, "--checkpoint-dir", checkpoints.toString())
                .toArray(String[]::new));
    assertEquals(0, first.exitCode(), first.err());
    Run resumed =
        run(
            tiny(dir.resolve("b"), 4, "--checkpoint-dir", checkpoints.toString(), "--resume")
                .toArray(String[]::new));
    assertEquals(0, resumed.exitCode(), resumed.err());

    Map<String, Object> a =
        BundleReader.read(BundleSource.directory(Path.of(straight.out()))).manifest().training();
    Map<String, Object> b =
        BundleReader.read(BundleSource.directory(Path.of(resumed.out()))).manifest().training();
    assertEquals(2, ((Number) b.get("resumedFromEpoch")).intValue());
    assertEquals(validationLosses(a), validationLosses(b));
  }

  @Test
  void modelJarResumesASparkCheckpointInOneProcess() throws Exception {
    Path checkpoints = dir.resolve("checkpoint");
    Run spark =
        run(
            tiny(dir.resolve("a"), 2, "--checkpoint-dir", checkpoints.toString())
                .toArray(String[]::new));
    assertEquals(0, spark.exitCode(), spark.err());

    List<String> args =
        new ArrayList<>(
            tiny(dir.resolve("b"), 3, "--checkpoint-dir", checkpoints.toString(), "--resume"));
    // model.jar train: no Spark options, and the corpus as a plain path.
    for (String sparkOnly : List.of("--master", "--average-every")) {
      int at = args.indexOf(sparkOnly);
      args.subList(at, at + 2).clear();
    }
    args.set(args.indexOf("--data") + 1, TinyPairs.writeTsv(dir).toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        ModelCli.commandLine(new ModelCli())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(args.toArray(String[]::new));
    assertEquals(0, code, err.toString());

    Map<String, Object> training =
        BundleReader.read(BundleSource.directory(Path.of(out.toString().trim())))
            .manifest()
            .training();
    assertEquals(2, ((Number) training.get("resumedFromEpoch")).intValue());
    assertTrue(
        training.get("command").toString().startsWith("java -jar model.jar train"),
        training.toString());
    assertTrue(!training.containsKey("spark"), "the last epoch ran in one process");
    List<Object> losses = validationLosses(training);
    assertEquals(3, losses.size());
    assertTrue(
        ((Number) losses.get(2)).doubleValue() < ((Number) losses.get(0)).doubleValue(),
        losses.toString());
  }

  @SuppressWarnings("unchecked")
  private static List<Object> validationLosses(Map<String, Object> training) {
    return ((List<Map<String, Object>>) training.get("history"))
        .stream().map(e -> e.get("validationLoss")).toList();
  }

  @Test
  void withoutAMasterItSaysHowToGiveOne() {
    Run run = run("train", "--data", "x.tsv", "--kind", "translate", "--out", "m");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("no Spark master: give --master"), run.err());
  }

  @Test
  void averagingPeriodMustBePositive() {
    Run run =
        run(
            "train",
            "--master",
            "local[1]",
            "--average-every",
            "0",
            "--data",
            "x.tsv",
            "--kind",
            "translate",
            "--out",
            "m");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("--average-every must be >= 1"), run.err());
  }

  @Test
  void helpListsModelJarsOptionsAndSparksOwn() {
    Run run = run("train", "--help");
    assertEquals(0, run.exitCode(), run.err());
    for (String option :
        List.of("--data", "--kind", "--latent", "--resume", "--master", "--average-every")) {
      assertTrue(run.out().contains(option), option + " in " + run.out());
    }
  }
}
