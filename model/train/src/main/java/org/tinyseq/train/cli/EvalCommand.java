package org.tinyseq.train.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.CorpusManifest;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.data.EvenSample;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.data.TextPair;
import org.tinyseq.train.eval.EvaluationReport;
import org.tinyseq.train.eval.Evaluator;
import org.tinyseq.train.eval.ModelTranslator;
import org.tinyseq.train.eval.NoisyChannel;
import org.tinyseq.train.eval.TranslationMemory;
import org.tinyseq.train.memory.ThresholdChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Scores a model bundle on a corpus: BLEU, chrF and exact match of its greedy decodings, and for a
 * chat model the replies' diversity. By default it rebuilds the validation split the model was
 * trained with, from the {@link DataOptions} in the manifest's {@code training} map, when every
 * source given is one the manifest names (same sha256; see {@link CorpusManifest}). With a bundle
 * that has an example memory (and {@code --memory on}) it also prints the memory alone, the decoder
 * alone and the two combined at the bundle's threshold, side by side.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Score a model (BLEU, chrF, exact match; chat: also distinct-1/2 and the top reply's"
            + " share) on its validation split or a corpus.")
public final class EvalCommand implements Callable<Integer> {
  enum Split {
    VALIDATION,
    ALL
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "<bundle>",
      description = "bundle directory, default:translate or default:chat")
  String model;

  @Mixin CorpusOptions corpus;

  @Option(
      names = "--split",
      defaultValue = "validation",
      paramLabel = "<split>",
      description =
          "validation (the model's held-out pairs; needs the training corpus) or all"
              + " (default: ${DEFAULT-VALUE})")
  Split split;

  @Option(names = "--json", paramLabel = "<out.json>", description = "also write the scores here")
  Path json;

  @Option(names = "--limit", paramLabel = "N", description = "score only the first N pairs")
  Integer limit;

  @Option(
      names = "--sample",
      paramLabel = "N",
      description =
          "score an evenly spaced sample of N pairs (every size/N-th: all topics of a corpus in"
              + " topic order), after --limit")
  Integer sample;

  @Option(
      names = "--split-of",
      paramLabel = "<bundle>",
      description =
          "rebuild the validation split of this other bundle (its data options and sources)"
              + " instead of the model's own: scores two models on the same pairs")
  String splitOf;

  @Option(
      names = "--baseline",
      description = "also score the translation-memory baseline (built from the training side)")
  boolean baseline;

  @Option(
      names = "--memory",
      defaultValue = "on",
      paramLabel = "on|off",
      description =
          "on: also score the bundle's example memory alone and combined with the decoder at the"
              + " bundle's threshold; off: the decoder alone (default: ${DEFAULT-VALUE})")
  OnOff memory;

  @Option(
      names = "--show",
      defaultValue = "0",
      paramLabel = "N",
      description = "also print the first N sources with reference and decoding")
  int show;

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      description = "decode at most N characters (default: the bundle's maxTargetLength)")
  Integer maxSteps;

  @Option(
      names = "--lowercase",
      description =
          "lower-case the sources before decoding (how a model trained on cased text copes with"
              + " lower-cased input); references stay as they are")
  boolean lowercase;

  @Option(
      names = "--batch",
      defaultValue = "64",
      paramLabel = "N",
      description = "decoding batch size (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--beam",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "beam search with N hypotheses (default: ${DEFAULT-VALUE}, greedy; see"
              + " docs/serving-decoder.md)")
  int beam;

  @Option(
      names = "--rerank-with",
      paramLabel = "<bundle>",
      description =
          "noisy-channel reranking of the beam's N best (N = --beam, at least 2) with this model of"
              + " the other direction (e.g. default:translate-zh-en for default:translate): prints"
              + " one row per --rerank-lambda")
  String rerankWith;

  @Option(
      names = "--rerank-lambda",
      split = ",",
      defaultValue = "1,0.9,0.8,0.7,0.6,0.5",
      paramLabel = "L",
      description =
          "weights of the direct model in the reranked score (default: ${DEFAULT-VALUE}; 1 = beam"
              + " ranked by mean log-probability)")
  List<Double> rerankLambdas;

  @Override
  public Integer call() throws Exception {
    if (batch < 1
        || beam < 1
        || show < 0
        || (limit != null && limit < 1)
        || (sample != null && sample < 1)
        || (maxSteps != null && maxSteps < 1)) {
      throw new ParameterException(
          spec.commandLine(),
          "--batch, --beam, --limit, --sample and --max-steps must be >= 1, --show >= 0");
    }
    if (rerankWith != null && beam < 2) {
      throw new ParameterException(spec.commandLine(), "--rerank-with needs --beam 2 or more");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Bundle bundle = Models.load(model);
    Corpus data = corpus.load();
    Bundle splitSource = splitOf == null ? bundle : Models.load(splitOf);
    DataOptions options = DataOptions.fromMap(splitSource.manifest().training());
    boolean chat = ModelKind.CHAT.jsonName().equals(bundle.kind());
    // Each source is split on its own, so the validation split of any of the training sources can
    // be rebuilt, alone or together with the others.
    List<String> trained = CorpusManifest.sourceChecksums(splitSource.manifest().corpus());
    boolean sameCorpus = data.parts().stream().allMatch(p -> trained.contains(p.sha256()));

    Split used = split;
    List<TextPair> pairs;
    List<TextPair> memorySide = null;
    if (split == Split.VALIDATION && !sameCorpus) {
      err.println(
          "warning: "
              + corpus.data()
              + " is not (among) the corpus "
              + splitSource.version()
              + " was trained on (sha256 differs): evaluating all its pairs");
      used = Split.ALL;
    }
    if (used == Split.VALIDATION) {
      PreparedData prepared = DataPipeline.prepare(data, options);
      if (prepared.validation().isEmpty()) {
        throw new IllegalArgumentException(
            splitSource.version() + " was trained without a validation split; use --split all");
      }
      pairs = prepared.validation();
      memorySide = prepared.train();
      if (data.parts().size() < trained.size()) {
        err.printf(
            "note: %d of the %d sources %s was trained on: their validation pairs, and a memory"
                + " baseline built from their training pairs only%n",
            data.parts().size(), trained.size(), splitSource.version());
      }
    } else {
      if (sameCorpus) {
        err.println("warning: --split all includes the pairs the model was trained on");
      }
      options = options.withValidationFraction(0).withoutLengthLimits();
      pairs = DataPipeline.prepare(data, options).train();
    }
    if (limit != null && pairs.size() > limit) {
      pairs = pairs.subList(0, limit);
    }
    if (sample != null) {
      pairs = EvenSample.of(pairs, sample);
    }
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException(corpus.data() + ": no pairs to evaluate");
    }
    List<String> sources =
        pairs.stream()
            .map(p -> lowercase ? p.source().toLowerCase(Locale.ROOT) : p.source())
            .toList();
    List<String> references = pairs.stream().map(TextPair::target).toList();

    GreedyDecoder decoder = GreedyDecoder.of(bundle);
    int steps = maxSteps != null ? maxSteps : bundle.architecture().maxTargetLength();
    long start = System.nanoTime();
    List<String> hypotheses = ModelTranslator.translateAll(decoder, sources, steps, batch, beam);
    double seconds = (System.nanoTime() - start) / 1e9;
    EvaluationReport report = Evaluator.evaluate(hypotheses, references, chat);

    EvaluationReport memoryReport = null;
    if (baseline && memorySide == null) {
      err.println("warning: --baseline needs the validation split of the training corpus: skipped");
    } else if (baseline) {
      TranslationMemory memory = TranslationMemory.build(memorySide);
      memoryReport = Evaluator.evaluate(memory.translateAll(sources), references, chat);
    }

    ThresholdChoice.Scores memoryScores = null;
    if (memory.on() && bundle.hasMemory()) {
      ExampleMemory m = bundle.memory();
      memoryScores = ThresholdChoice.score(m, m.threshold(), sources, references, hypotheses);
    } else if (memory.on()) {
      err.println(
          "note: "
              + bundle.version()
              + " has no example memory (model.jar memory adds one): decoder only");
    }

    out.printf(
        Locale.ROOT,
        "model %s (%s), data %s, %s split%s: %d pairs (decoded in %.1f s, %.0f sentences/s)%n",
        bundle.version(),
        beam == 1 ? "greedy" : "beam " + beam,
        corpus.data(),
        used.name().toLowerCase(Locale.ROOT),
        lowercase ? " (sources lower-cased)" : "",
        pairs.size(),
        seconds,
        pairs.size() / Math.max(seconds, 1e-9));
    ScoreTable.header(out, chat);
    ScoreTable.row(out, bundle.kind() + " model", report);
    if (memoryReport != null) {
      ScoreTable.row(out, "translation memory", memoryReport);
    }
    if (memoryScores != null) {
      out.println();
      MemoryCommand.print(out, memoryScores);
    }
    if (rerankWith != null) {
      GreedyDecoder channel = GreedyDecoder.of(Models.load(rerankWith));
      long t0 = System.nanoTime();
      var reranked = NoisyChannel.rerank(decoder, channel, sources, steps, beam, rerankLambdas);
      double rerankSeconds = (System.nanoTime() - t0) / 1e9;
      out.printf(
          Locale.ROOT,
          "%nnoisy channel, %d best reranked with %s (%.1f ms a sentence, one thread):%n",
          beam,
          rerankWith,
          rerankSeconds * 1000 / pairs.size());
      ScoreTable.header(out, chat);
      for (var e : reranked.entrySet()) {
        EvaluationReport r = Evaluator.evaluate(e.getValue(), references, chat);
        ScoreTable.row(out, String.format(Locale.ROOT, "lambda %.2f", e.getKey()), r);
        if (memory.on() && bundle.hasMemory()) {
          ExampleMemory m = bundle.memory();
          ThresholdChoice.Scores combined =
              ThresholdChoice.score(m, m.threshold(), sources, references, e.getValue());
          out.printf(Locale.ROOT, "  with the memory: %s%n", combined.toMetrics().get("combined"));
        }
      }
    }
    for (int i = 0; i < Math.min(show, pairs.size()); i++) {
      out.printf(
          "%n  source     %s%n  reference  %s%n  model      %s%n",
          sources.get(i), references.get(i), hypotheses.get(i));
    }
    if (json != null) {
      EvalSummary summary =
          new EvalSummary(
              bundle.version(),
              corpus.data(),
              data.sha256(),
              used.name().toLowerCase(Locale.ROOT),
              options.toMap(),
              report,
              memoryReport,
              seconds,
              null,
              beam,
              memoryScores == null ? null : memoryScores.toMetrics());
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(json.toFile(), summary);
    }
    out.flush();
    return 0;
  }
}
