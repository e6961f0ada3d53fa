package org.tinyseq.train.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.training.Threads;
import org.tinyseq.train.training.ThroughputBenchmark;
import org.tinyseq.train.training.TrainOptions;
import org.tinyseq.train.training.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model.jar train-bench}: training sequences per second of the dl4j.md baseline
 * configuration and of the project default, measured in one run, batch by batch in turns.
 */
@Command(
    name = "train-bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures training throughput (sequences/s over the timed batches) of the baseline"
          + " (the Keras example as DL4J offers it: ND4J's lstmLayer op differentiated by SameDiff,"
          + " one-hot inputs, ~2,500 target characters, batch 64, every batch padded to 30/25"
          + " steps, one graph) and of the project default (embedding inputs,"
          + " Simplified target vocabulary with <unk> for rare characters, batches of equal source"
          + " length, one graph per core), alternating batch by batch.",
      "Example: java -jar model.jar train-bench --data ../shared/data/cmn-eng/cmn.txt"
    })
public final class TrainBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CorpusOptions corpus;

  @Option(names = "--latent", defaultValue = "256", description = "hidden size of both (256)")
  int latent;

  @Option(
      names = "--batch-size",
      defaultValue = "64",
      description = "batch size of the default configuration (64, as the baseline's)")
  int batchSize;

  @Option(
      names = "--embedding",
      defaultValue = "64",
      description = "embedding size of the default configuration (64)")
  int embedding;

  @Option(
      names = "--target-min-count",
      defaultValue = "2",
      description = "the default configuration's target min count (2)")
  int targetMinCount;

  @Option(
      names = "--baseline-target-vocab",
      defaultValue = "2500",
      description = "target vocabulary of the baseline, reserved entries included (2500)")
  int baselineTargetVocab;

  @Option(names = "--batches", defaultValue = "10", description = "timed batches of each (10)")
  int batches;

  @Option(names = "--warmup", defaultValue = "2", description = "untimed batches of each (2)")
  int warmup;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "gradient workers of the default configuration (2; the baseline has 1)")
  int threads;

  @Option(
      names = "--also",
      split = ",",
      description =
          "further configurations to measure: baseline-own-backprop, batch128, one-worker, onehot-bucketed,"
              + " embedding-fixed, gru, word, no-teacher-forcing")
  List<String> also = new ArrayList<>();

  @Option(names = "--json", paramLabel = "<file>", description = "also write the results here")
  Path json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Threads.configure(1);
    Corpus loaded = corpus.load();
    List<ThroughputBenchmark.Setup> setups = new ArrayList<>();

    // Baseline (docs/dl4j notes, the Keras example): no Simplified conversion, ~2,500 target
    // characters, one-hot inputs, every batch padded to 30 source / 25 target steps (longer pairs
    // truncated) and the padding read by the encoder, batch 64, one graph.
    PreparedData raw =
        DataPipeline.prepare(loaded, new DataOptions(DataOptions.DEFAULT_SEED, 0.1, false, 0, 0));
    TrainOptions baseline =
        options(0, false, 1, baselineTargetVocab - 4, Cell.LSTM, TokenUnit.CHAR, true, 64, 1);
    TrainingData baselineData = TrainingData.of(raw, baseline);
    setups.add(
        new ThroughputBenchmark.Setup(
            "baseline: DL4J lstmLayer, one-hot, " + baselineTargetVocab + " targets, fixed 30/25",
            baselineData,
            baseline,
            30,
            25,
            true,
            true));

    PreparedData prepared = DataPipeline.prepare(loaded, DataOptions.defaults());
    TrainOptions project = project(true, Cell.LSTM, TokenUnit.CHAR, true, batchSize, threads);
    TrainingData projectData = TrainingData.of(prepared, project);
    setups.add(
        new ThroughputBenchmark.Setup(
            "plain: embedding "
                + embedding
                + ", Simplified min-count "
                + targetMinCount
                + ", bucketed",
            projectData,
            project,
            projectData.maxSourceLength(),
            projectData.maxTargetSteps(),
            false,
            false));
    TrainOptions attention =
        project(true, Cell.LSTM, TokenUnit.CHAR, true, batchSize, threads)
            .withAttention(Attention.LUONG, 0.2);
    TrainingData attentionData = TrainingData.of(prepared, attention);
    setups.add(
        new ThroughputBenchmark.Setup(
            "attention: bidirectional " + latent / 2 + "x2, Luong, input feeding, dropout 0.2",
            attentionData,
            attention,
            attentionData.maxSourceLength(),
            attentionData.maxTargetSteps(),
            false,
            false));
    for (String extra : also) {
      if (extra.equals("baseline-own-backprop")) {
        // The baseline's recipe with the project's LSTM backprop instead of ND4J's op.
        setups.add(
            new ThroughputBenchmark.Setup(extra, baselineData, baseline, 30, 25, true, false));
        continue;
      }
      TrainOptions o =
          switch (extra) {
            case "batch128" -> project(true, Cell.LSTM, TokenUnit.CHAR, true, 128, threads);
            case "one-worker" -> project(true, Cell.LSTM, TokenUnit.CHAR, true, batchSize, 1);
            case "onehot-bucketed" ->
                options(
                    0,
                    true,
                    targetMinCount,
                    0,
                    Cell.LSTM,
                    TokenUnit.CHAR,
                    true,
                    batchSize,
                    threads);
            case "embedding-fixed" ->
                project(false, Cell.LSTM, TokenUnit.CHAR, true, batchSize, threads);
            case "gru" -> project(true, Cell.GRU, TokenUnit.CHAR, true, batchSize, threads);
            case "word" -> project(true, Cell.LSTM, TokenUnit.WORD, true, batchSize, threads);
            case "no-teacher-forcing" ->
                project(true, Cell.LSTM, TokenUnit.CHAR, false, batchSize, threads);
            default -> throw new IllegalArgumentException("unknown configuration '" + extra + "'");
          };
      TrainingData d = TrainingData.of(prepared, o);
      int maxSource = o.bucketing() ? d.maxSourceLength() : 30;
      int maxTarget = o.bucketing() ? d.maxTargetSteps() : 25;
      setups.add(new ThroughputBenchmark.Setup(extra, d, o, maxSource, maxTarget, false, false));
    }
    int[] done = {0};
    int total = (warmup + batches) * setups.size();
    List<ThroughputBenchmark.Result> results =
        ThroughputBenchmark.run(
            setups,
            warmup,
            batches,
            () -> {
              done[0]++;
              spec.commandLine().getErr().printf("\rbatch %d/%d", done[0], total);
              spec.commandLine().getErr().flush();
            });
    spec.commandLine().getErr().println();
    double base = results.get(0).sequencesPerSecond();
    out.printf(
        Locale.ROOT,
        "%-58s %6s %7s %8s %8s %6s %6s %6s%n",
        "configuration",
        "batch",
        "workers",
        "seq/s",
        "median",
        "ratio",
        "src",
        "tgt");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ThroughputBenchmark.Result r : results) {
      out.printf(
          Locale.ROOT,
          "%-58s %6d %7d %8.1f %8.1f %5.2fx %6.1f %6.1f%n",
          r.name(),
          r.batchSize(),
          r.workers(),
          r.sequencesPerSecond(),
          r.medianBatchSequencesPerSecond(),
          r.sequencesPerSecond() / base,
          r.meanBatchSourceSteps(),
          r.meanBatchTargetSteps());
      Map<String, Object> row = r.toMap();
      row.put("ratioToBaseline", Math.round(r.sequencesPerSecond() / base * 100) / 100.0);
      rows.add(row);
    }
    out.println(
        "(seq/s = sequences / seconds over "
            + batches
            + " timed batches of each, partial batches included; median = of the full batches'"
            + " rates; latent "
            + latent
            + "; src/tgt = mean padded steps)");
    out.flush();
    if (json != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("corpus", loaded.location());
      doc.put("corpusSha256", loaded.sha256());
      doc.put("threads", threads);
      doc.put("results", rows);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), doc);
    }
    return 0;
  }

  private TrainOptions project(
      boolean bucketing,
      Cell cell,
      TokenUnit tokens,
      boolean teacherForcing,
      int batch,
      int workers) {
    return options(
        embedding, bucketing, targetMinCount, 0, cell, tokens, teacherForcing, batch, workers);
  }

  private TrainOptions options(
      int emb,
      boolean bucketing,
      int minCount,
      int maxVocab,
      Cell cell,
      TokenUnit tokens,
      boolean teacherForcing,
      int batch,
      int workers) {
    return new TrainOptions(
        ModelKind.TRANSLATE,
        cell,
        tokens,
        latent,
        emb,
        teacherForcing,
        batch,
        1,
        0.001,
        5.0,
        1,
        0,
        minCount,
        maxVocab,
        0,
        bucketing,
        1234,
        workers);
  }
}
