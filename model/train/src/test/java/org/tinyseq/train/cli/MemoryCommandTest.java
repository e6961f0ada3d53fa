package org.tinyseq.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.memory.MemoryFile;
import org.tinyseq.train.data.CorpusFormat;
import org.tinyseq.train.data.CorpusLoader;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.data.EvenSample;
import org.tinyseq.train.data.MalformedPolicy;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.data.TextPair;

/** {@code model memory}, then {@code eval} and {@code translate} with and without it. */
class MemoryCommandTest {
  /** A tiny LSTM over characters: sources up to 30, targets up to 6 steps. */
  private static final Architecture TINY = new Architecture("lstm", "char", 8, 4, 4, true, 30, 6);

  private static final DataOptions OPTIONS = new DataOptions(5, 0.25, true, 20, 10);

  @TempDir Path dir;

  @Test
  void addsAMemoryOfTheTrainingSplitAsANewVersion() throws Exception {
    String[] targets = {"甲", "乙", "丙", "甲乙", "乙丙", "丙丙", "甲丙", "乙甲", "丙甲", "乙乙", "甲甲", "甲丙乙"};
    Path corpus = tinyCorpus(targets);
    Path original = tinyBundle("translate-m1", corpus, List.of("甲", "乙", "丙"));
    CliRun run = runMemory(original, corpus);
    assertTrue(run.out().contains("combined"), run.out());

    Path written = written();
    Bundle bundle = BundleReader.read(BundleSource.directory(written));
    Bundle before = BundleReader.read(BundleSource.directory(original));
    assertNotEquals(before.version(), bundle.version());
    assertEquals(
        before.manifest().files().get("decoder.safetensors"),
        bundle.manifest().files().get("decoder.safetensors"));
    assertTrue(bundle.manifest().files().containsKey(MemoryFile.FILE_NAME));
    @SuppressWarnings("unchecked")
    Map<String, Object> memory = (Map<String, Object>) bundle.manifest().metrics().get("memory");
    for (String key : List.of("threshold", "combined", "memoryOnly", "decoderOnly")) {
      assertTrue(memory.containsKey(key), key + " in " + memory);
    }

    PreparedData split =
        DataPipeline.prepare(
            CorpusLoader.load(corpus, CorpusFormat.AUTO, MalformedPolicy.FAIL), OPTIONS);
    List<String> keys = bundle.memory().entries().stream().map(MemoryEntry::key).toList();
    assertEquals(split.train().size(), keys.size()); // all sources distinct here
    for (TextPair v : split.validation()) {
      assertFalse(keys.contains(ExampleMemory.key(v.source())), "validation source " + v);
    }

    TextPair trained = split.train().get(0);
    CliRun on = CliRun.run(trained.source() + "\n", "translate", "--model", written.toString());
    assertEquals(trained.target() + "\n", on.out(), on.err());
    CliRun off =
        CliRun.run(
            trained.source() + "\n", "translate", "--model", written.toString(), "--memory", "off");
    CliRun plain = CliRun.run(trained.source() + "\n", "translate", "--model", original.toString());
    assertEquals(plain.out(), off.out());

    CliRun eval =
        CliRun.run("", "eval", "--model", written.toString(), "--data", corpus.toString());
    assertEquals(0, eval.exitCode(), eval.err());
    for (String row : List.of("memory only", "decoder only", "combined")) {
      assertTrue(eval.out().contains(row), eval.out());
    }
    CliRun evalOff =
        CliRun.run(
            "",
            "eval",
            "--model",
            written.toString(),
            "--data",
            corpus.toString(),
            "--memory",
            "off");
    assertFalse(evalOff.out().contains("combined"), evalOff.out());
  }

  @Test
  void maxPairsBuildsTheMemoryFromAnEvenSampleOfTheTrainingPairs() throws Exception {
    String[] targets = new String[WORDS.length];
    Arrays.fill(targets, "甲");
    Path corpus = tinyCorpus(targets);
    Path original = tinyBundle("translate-m3", corpus, List.of("甲"));
    runMemory(original, corpus, "--max-pairs", "4");
    Path written = written();
    Bundle bundle = BundleReader.read(BundleSource.directory(written));
    List<TextPair> train =
        DataPipeline.prepare(
                CorpusLoader.load(corpus, CorpusFormat.AUTO, MalformedPolicy.FAIL), OPTIONS)
            .train();
    assertTrue(train.size() > 4, "the split has more training pairs than the cap");
    List<String> want =
        EvenSample.of(train, 4).stream().map(p -> ExampleMemory.key(p.source())).sorted().toList();
    assertEquals(want, bundle.memory().entries().stream().map(MemoryEntry::key).sorted().toList());
    @SuppressWarnings("unchecked")
    Map<String, Object> memory = (Map<String, Object>) bundle.manifest().metrics().get("memory");
    assertEquals(4, ((Number) memory.get("maxPairs")).intValue());
    assertTrue(String.valueOf(memory.get("command")).endsWith("--max-pairs 4"), memory.toString());
  }

  @Test
  void includeValidationServesEveryPairWithTheThresholdOfTheTrainingOnlyMemory() throws Exception {
    String[] targets = {"甲", "乙", "丙", "甲乙", "乙丙", "丙丙", "甲丙", "乙甲", "丙甲", "乙乙", "甲甲", "甲丙乙"};
    Path corpus = tinyCorpus(targets);
    Path original = tinyBundle("translate-m4", corpus, List.of("甲", "乙", "丙"));
    runMemory(original, corpus);
    Bundle trainOnly = BundleReader.read(BundleSource.directory(written()));
    Files.walk(dir.resolve("out"))
        .sorted(java.util.Comparator.reverseOrder())
        .forEach(p -> p.toFile().delete());
    runMemory(original, corpus, "--include-validation");
    Bundle bundle = BundleReader.read(BundleSource.directory(written()));
    PreparedData split =
        DataPipeline.prepare(
            CorpusLoader.load(corpus, CorpusFormat.AUTO, MalformedPolicy.FAIL), OPTIONS);
    assertEquals(split.train().size() + split.validation().size(), bundle.memory().size());
    List<String> keys = bundle.memory().entries().stream().map(MemoryEntry::key).toList();
    for (TextPair v : split.validation()) {
      assertTrue(keys.contains(ExampleMemory.key(v.source())), "validation source " + v);
    }
    assertEquals(trainOnly.memory().threshold(), bundle.memory().threshold());
    @SuppressWarnings("unchecked")
    Map<String, Object> memory = (Map<String, Object>) bundle.manifest().metrics().get("memory");
    assertEquals(split.train().size(), ((Number) memory.get("thresholdChosenWith")).intValue());
    assertEquals(split.validation().size(), ((Number) memory.get("validationPairs")).intValue());
    @SuppressWarnings("unchecked")
    Map<String, Object> estimate = (Map<String, Object>) memory.get("otherHalfEstimate");
    assertEquals(
        split.validation().size(), ((Number) estimate.get("evaluatedSentences")).intValue());
  }

  @Test
  void refusesAnotherCorpus() throws Exception {
    Path corpus = dir.resolve("other.txt");
    Files.writeString(corpus, "ab\t甲\tx\nba\t乙\tx\n");
    Path original =
        RandomBundles.write(
            dir.resolve("models"),
            "translate",
            "translate-m2",
            TINY,
            List.of("a", "b", " "),
            List.of("甲", "乙"),
            3,
            Map.of("name", "tiny", "sha256", "0".repeat(64)),
            OPTIONS.toMap());
    CliRun run =
        CliRun.run(
            "",
            "memory",
            "--model",
            original.toString(),
            "--data",
            corpus.toString(),
            "--out",
            dir.resolve("out").toString());
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("not the corpus"), run.err());
  }

  private static final String[] WORDS = {
    "ab", "ba", "abc", "cab", "bca", "cc", "a b", "b c", "ca", "bb", "aa", "acb"
  };

  /** A cmn-style corpus of {@link #WORDS} and these targets. */
  private Path tinyCorpus(String[] targets) throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < WORDS.length; i++) {
      text.append(WORDS[i]).append('\t').append(targets[i]).append("\tCC-BY #").append(i);
      text.append('\n');
    }
    Path corpus = dir.resolve("tiny.txt");
    Files.writeString(corpus, text);
    return corpus;
  }

  /** A random bundle whose manifest says it was trained on {@code corpus}. */
  private Path tinyBundle(String version, Path corpus, List<String> targets) throws Exception {
    return RandomBundles.write(
        dir.resolve("models"),
        "translate",
        version,
        TINY,
        List.of("a", "b", "c", " "),
        targets,
        3,
        Map.of("name", "tiny", "sha256", Checksums.sha256(Files.readAllBytes(corpus))),
        OPTIONS.toMap());
  }

  /** {@code model memory} of {@code original} into {@code dir/out}; it must succeed. */
  private CliRun runMemory(Path original, Path corpus, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "memory",
                "--model",
                original.toString(),
                "--data",
                corpus.toString(),
                "--out",
                dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    CliRun run = CliRun.run("", args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.err());
    return run;
  }

  /** The bundle {@link #runMemory} wrote. */
  private Path written() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("out"))) {
      return s.findFirst().orElseThrow();
    }
  }
}
