package org.tinyseq.train.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.ModelRef;
import org.tinyseq.serve.pool.PoolFile;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.CorpusManifest;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.TextPair;
import org.tinyseq.train.pool.ChatBundleWriter;
import org.tinyseq.train.pool.PoolDialogues;
import org.tinyseq.train.pool.PoolPairs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model chat-bundle}: a new version of a chat bundle with a reply pool and reverse model.
 */
@Command(
    name = "chat-bundle",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a new version of a chat bundle (format version 3) to --out: its files copied, a"
          + " reply pool of the message-reply pairs of --data (all of them, or the training side of"
          + " the model's split), and the reverse model (reply -> message) as its reverse/ part."
    })
public final class ChatBundleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "<bundle>",
      description = "the chat bundle: a directory or default:chat")
  String model;

  @Option(
      names = "--reverse",
      paramLabel = "<bundle>",
      description =
          "the reverse chat model (train --kind chat --reverse on the same corpus); default: the"
              + " one --model already carries, if any")
  String reverse;

  @Mixin CorpusOptions corpus;

  @Option(
      names = "--pool-split",
      defaultValue = "all",
      paramLabel = "all|train",
      description =
          "all: every pair of --data (the served pool); train: every pair outside the validation"
              + " conversations of --model's split (for evaluation; --data must be its corpus)."
              + " Default: ${DEFAULT-VALUE}")
  PoolPairs.Split poolSplit;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "<folder>",
      description = "folder the new bundle version is written into, e.g. models/chat")
  Path out;

  @Override
  public Integer call() throws Exception {
    Bundle chat = Models.load(model);
    Bundle reverseModel = reverse == null ? null : Models.load(reverse);
    Corpus data = corpus.load();
    DataOptions options = DataOptions.fromMap(chat.manifest().training());
    if (poolSplit == PoolPairs.Split.TRAIN) {
      List<String> trained = CorpusManifest.sourceChecksums(chat.manifest().corpus());
      if (!data.parts().stream().allMatch(p -> trained.contains(p.sha256()))) {
        throw new IllegalArgumentException(
            corpus.data()
                + " is not (among) the corpus "
                + chat.version()
                + " was trained on (sha256 differs): its split cannot be rebuilt");
      }
    }
    List<TextPair> pairs = PoolPairs.of(poolSplit, data, options);
    List<List<String>> dialogues = PoolDialogues.of(pairs);
    byte[] pool = PoolFile.write(dialogues);
    Map<String, Object> poolMetrics = new LinkedHashMap<>();
    poolMetrics.put("pairs", PoolDialogues.pairs(dialogues));
    poolMetrics.put("dialogues", dialogues.size());
    poolMetrics.put("split", poolSplit.name().toLowerCase(Locale.ROOT));
    if (poolSplit == PoolPairs.Split.TRAIN) {
      poolMetrics.put("splitOf", chat.version());
    }
    poolMetrics.put(
        "sources",
        data.parts().stream()
            .map(p -> Map.<String, Object>of("name", p.name(), "sha256", p.sha256()))
            .toList());
    poolMetrics.put("fileBytes", pool.length);
    poolMetrics.put("retrieval", "lucene-bm25-words");
    String command =
        "model.jar chat-bundle --model "
            + model
            + (reverse == null ? "" : " --reverse " + reverse)
            + " --data "
            + String.join(" --data ", corpus.sources().stream().map(Path::toString).toList())
            + " --pool-split "
            + poolSplit.name().toLowerCase(Locale.ROOT)
            + " --out "
            + out;
    ChatBundleWriter.Written written =
        ChatBundleWriter.write(
            new ChatBundleWriter.Source(chat, ModelRef.source(model)),
            reverseModel == null
                ? null
                : new ChatBundleWriter.Source(reverseModel, ModelRef.source(reverse)),
            pool,
            poolMetrics,
            out,
            command);
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        Locale.ROOT,
        "wrote %s from %s: pool of %d pairs in %d dialogues (%s split, %d bytes)%s%n",
        written.bundle(),
        chat.version(),
        PoolDialogues.pairs(dialogues),
        dialogues.size(),
        poolSplit.name().toLowerCase(Locale.ROOT),
        pool.length,
        reverseModel != null
            ? ", reverse model " + reverseModel.version()
            : chat.reverse().map(r -> ", reverse model " + r.version() + " (kept)").orElse(""));
    w.flush();
    return 0;
  }
}
