package org.tinyseq.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.Checksums;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.bundle.TestBundles;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.train.data.CorpusFormat;
import org.tinyseq.train.data.CorpusLoader;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.data.MalformedPolicy;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.data.TextPair;

/** {@code model chat-bundle}: a version 3 chat bundle with a pool and a reverse model. */
class ChatBundleCommandTest {
  private static final Architecture TINY =
      Architecture.builder().latentDim(8).embeddingDims(4, 4).maxLengths(30, 6).build();

  /** A third of the conversations for validation; length limits that drop the long turns. */
  private static final DataOptions OPTIONS = new DataOptions(7, 0.34, false, 12, 12);

  @TempDir Path dir;

  private Path corpus() throws Exception {
    StringBuilder tsv = new StringBuilder("conversation\ttopic\tturn\ttext\n");
    for (int c = 1; c <= 6; c++) {
      for (int t = 1; t <= 4; t++) {
        String text =
            t == 3 && c == 2 ? "a turn far longer than the limits allow" : "c" + c + " t" + t;
        tsv.append(c).append("\tmusic\t").append(t).append('\t').append(text).append('\n');
      }
    }
    Path corpus = dir.resolve("dialogues.tsv");
    Files.writeString(corpus, tsv);
    return corpus;
  }

  private Path model(String version, Path corpus, boolean reverse) throws Exception {
    Map<String, Object> training = new java.util.LinkedHashMap<>(OPTIONS.toMap());
    if (reverse) {
      training.put("reverse", true);
    }
    return RandomBundles.write(
        dir.resolve("models"),
        "chat",
        version,
        TINY,
        RandomBundles.englishChars(),
        RandomBundles.englishChars(),
        3,
        Map.of("name", "dialogues", "sha256", Checksums.sha256(Files.readAllBytes(corpus))),
        training);
  }

  private CliRun chatBundle(String... args) {
    List<String> all = new ArrayList<>(List.of("chat-bundle"));
    all.addAll(List.of(args));
    all.addAll(List.of("--out", dir.resolve("out").toString()));
    return CliRun.run("", all.toArray(String[]::new));
  }

  private Path written() throws Exception {
    try (Stream<Path> s = Files.list(dir.resolve("out"))) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
    }
  }

  private static List<String> pool(Bundle b) throws Exception {
    List<String> pairs = new ArrayList<>();
    b.pool().orElseThrow().forEachPair((m, r) -> pairs.add(m + ">" + r));
    return pairs;
  }

  private static List<TextPair> corpusPairs(Path corpus) throws Exception {
    return CorpusLoader.load(corpus, CorpusFormat.AUTO, MalformedPolicy.FAIL).pairs();
  }

  @Test
  void writesAllPairsAndTheReverseModelIntoAVersion3Bundle() throws Exception {
    Path corpus = corpus();
    Path chat = model("chat-a", corpus, false);
    Path reverse = model("chat-rev", corpus, true);
    // train writes a memory into every bundle; neither the pool bundle nor its reverse part keeps
    // it.
    TestBundles.withMemory(reverse, List.of(new MemoryEntry("c1 t1", "c1 t2")), null, 0.5);
    TestBundles.withMemory(chat, List.of(new MemoryEntry("c1 t1", "c1 t2")), null, 0.5);
    CliRun run =
        chatBundle(
            "--model",
            chat.toString(),
            "--reverse",
            reverse.toString(),
            "--data",
            corpus.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("pool of 18 pairs in 6 dialogues"), run.out());

    Bundle b = BundleReader.read(BundleSource.directory(written()));
    Bundle before = BundleReader.read(BundleSource.directory(chat));
    assertEquals(Manifest.CHAT_PARTS_FORMAT_VERSION, b.manifest().formatVersion());
    assertNotEquals(before.version(), b.version());
    assertEquals(
        before.manifest().files().get(Manifest.DECODER_FILE),
        b.manifest().files().get(Manifest.DECODER_FILE));
    assertEquals("chat-rev", b.reverse().orElseThrow().version());
    assertTrue(before.hasMemory());
    assertFalse(b.hasMemory(), "the ranked path answers every message: no example memory");
    assertFalse(b.manifest().metrics().containsKey("memory"));
    Bundle reverseBefore = BundleReader.read(BundleSource.directory(reverse));
    assertTrue(reverseBefore.hasMemory());
    assertFalse(b.reverse().orElseThrow().hasMemory(), "the reverse part leaves its memory out");
    assertEquals(
        reverseBefore.manifest().files().get(Manifest.DECODER_FILE),
        b.reverse().orElseThrow().manifest().files().get(Manifest.DECODER_FILE));
    // Every pair of the corpus, the long turn's too (no length limit), in corpus order.
    List<String> expected =
        corpusPairs(corpus).stream().map(p -> p.source() + ">" + p.target()).toList();
    assertEquals(expected, pool(b));
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = (Map<String, Object>) b.manifest().metrics().get("pool");
    assertEquals(18, ((Number) metrics.get("pairs")).intValue());
    assertEquals("all", metrics.get("split"));
    assertTrue(String.valueOf(metrics.get("command")).contains("--pool-split all"));
  }

  @Test
  void theTrainingPoolHoldsNoPairOfAValidationConversation() throws Exception {
    Path corpus = corpus();
    Path chat = model("chat-b", corpus, false);
    CliRun run =
        chatBundle(
            "--model", chat.toString(), "--data", corpus.toString(), "--pool-split", "train");
    assertEquals(0, run.exitCode(), run.err());
    Bundle b = BundleReader.read(BundleSource.directory(written()));
    assertTrue(b.reverse().isEmpty());
    PreparedData split =
        DataPipeline.prepare(
            CorpusLoader.load(corpus, CorpusFormat.AUTO, MalformedPolicy.FAIL), OPTIONS);
    Set<String> validationConversations = new HashSet<>();
    split.validation().forEach(p -> validationConversations.add(p.conversation()));
    assertFalse(validationConversations.isEmpty());
    List<String> expected =
        corpusPairs(corpus).stream()
            .filter(p -> !validationConversations.contains(p.conversation()))
            .map(p -> p.source() + ">" + p.target())
            .toList();
    assertEquals(expected, pool(b));
    assertTrue(expected.size() < 18 && expected.size() >= 9, expected.toString());
  }

  @Test
  void refusesAReverseModelThatIsNotOneAndATrainingPoolOfAnotherCorpus() throws Exception {
    Path corpus = corpus();
    Path chat = model("chat-c", corpus, false);
    Path notReverse = model("chat-d", corpus, false);
    CliRun run =
        chatBundle(
            "--model",
            chat.toString(),
            "--reverse",
            notReverse.toString(),
            "--data",
            corpus.toString());
    assertNotEquals(0, run.exitCode());
    assertTrue(run.err().contains("is not a reverse chat model"), run.err());
    Path other = dir.resolve("other.tsv");
    Files.writeString(other, "conversation\ttopic\tturn\ttext\n1\tx\t1\thi\n1\tx\t2\tho\n");
    run =
        chatBundle("--model", chat.toString(), "--data", other.toString(), "--pool-split", "train");
    assertNotEquals(0, run.exitCode());
    assertTrue(run.err().contains("split cannot be rebuilt"), run.err());
    assertFalse(
        Files.exists(dir.resolve("out")) && Files.list(dir.resolve("out")).findAny().isPresent());
  }
}
