package org.tinyseq.train.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.pool.PoolFile;
import org.tinyseq.serve.pool.ReplyPool;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.CorpusManifest;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.data.EvenSample;
import org.tinyseq.train.data.TextPair;
import org.tinyseq.train.pool.PoolDialogues;
import org.tinyseq.train.pool.PoolPairs;
import org.tinyseq.train.pool.RetrievalBenchmark;
import org.tinyseq.train.pool.RetrievalSystems;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code model pool-bench}: retrieval recall, latency and cost on a model's validation split. */
@Command(
    name = "pool-bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures reply retrieval on the validation split of --split-of: the pool is every pair"
          + " outside its validation conversations; for evenly spaced validation messages, the"
          + " recall of the true reply within the top k, the top-1 replies' chrF, query latency"
          + " and build cost of Lucene BM25 over words (as served), over character 3-grams, and"
          + " of the example memory's trigram cosine."
    })
public final class PoolBenchCommand implements Callable<Integer> {
  enum SystemName {
    WORDS,
    CHAR3,
    TRIGRAM
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--split-of",
      defaultValue = "default:chat",
      paramLabel = "<bundle>",
      description = "the model whose split is used (default: ${DEFAULT-VALUE})")
  String splitOf;

  @Mixin CorpusOptions corpus;

  @Option(
      names = "--messages",
      defaultValue = "2000",
      paramLabel = "N",
      description = "evenly spaced validation messages (default: ${DEFAULT-VALUE})")
  int messages;

  @Option(
      names = "--k",
      defaultValue = "1,8,32,64",
      split = ",",
      paramLabel = "K",
      description = "recall cut-offs (default: ${DEFAULT-VALUE})")
  int[] ks;

  @Option(
      names = "--systems",
      defaultValue = "words,char3,trigram",
      split = ",",
      paramLabel = "S",
      description = "words, char3, trigram (default: ${DEFAULT-VALUE})")
  List<SystemName> systems;

  @Option(
      names = "--index-dir",
      paramLabel = "<folder>",
      description =
          "where the Lucene indexes are built (default: a temporary folder, deleted after)")
  Path indexDir;

  @Override
  public Integer call() throws Exception {
    if (messages < 1 || ks.length == 0 || java.util.Arrays.stream(ks).anyMatch(k -> k < 1)) {
      throw new IllegalArgumentException("--messages and every --k must be >= 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    Bundle bundle = Models.load(splitOf);
    Corpus data = corpus.load();
    DataOptions options = DataOptions.fromMap(bundle.manifest().training());
    List<String> trained = CorpusManifest.sourceChecksums(bundle.manifest().corpus());
    if (!data.parts().stream().allMatch(p -> trained.contains(p.sha256()))) {
      throw new IllegalArgumentException(
          corpus.data() + " is not (among) the corpus " + bundle.version() + " was trained on");
    }
    List<TextPair> validation = DataPipeline.prepare(data, options).validation();
    if (validation.isEmpty()) {
      throw new IllegalArgumentException(bundle.version() + " has no validation split");
    }
    List<TextPair> held = EvenSample.of(validation, messages);
    List<List<String>> dialogues = PoolDialogues.of(PoolPairs.training(data, options));
    byte[] file = PoolFile.write(dialogues);
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long checkCpu = cpu.getCurrentThreadCpuTime();
    ReplyPool pool = ReplyPool.inMemory(file); // the strict check a bundle load makes
    double checkSeconds = (cpu.getCurrentThreadCpuTime() - checkCpu) / 1e9;
    List<TextPair> poolPairs = new ArrayList<>(pool.pairs());
    pool.forEachPair((m, r) -> poolPairs.add(new TextPair(m, r)));
    out.printf(
        Locale.ROOT,
        "split of %s: %d validation pairs, %d evenly spaced messages; pool: %d training pairs in"
            + " %d dialogues (%d bytes, checked in %.2f s of CPU)%n%n",
        bundle.version(),
        validation.size(),
        held.size(),
        pool.pairs(),
        pool.dialogues(),
        file.length,
        checkSeconds);
    out.flush();
    Path root = indexDir != null ? indexDir : Files.createTempDirectory("tinyseq-pool-bench");
    List<RetrievalBenchmark.Row> rows = new ArrayList<>();
    try {
      for (SystemName s : systems) {
        RetrievalBenchmark.Builder builder =
            switch (s) {
              case WORDS -> () -> RetrievalSystems.luceneWords(pool, root.resolve("words"));
              case CHAR3 -> () -> RetrievalSystems.luceneChar3(pool, root.resolve("char3"));
              case TRIGRAM -> () -> RetrievalSystems.trigramCosine(poolPairs);
            };
        rows.add(RetrievalBenchmark.run(builder, held, ks));
      }
    } finally {
      if (indexDir == null) {
        deleteRecursively(root);
      }
    }
    out.print(RetrievalBenchmark.table(rows, ks));
    out.flush();
    return 0;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
