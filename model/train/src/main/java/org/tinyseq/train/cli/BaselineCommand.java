package org.tinyseq.train.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.data.EvenSample;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.data.SourceCounts;
import org.tinyseq.train.data.TextPair;
import org.tinyseq.train.data.VocabularyBuilder;
import org.tinyseq.train.eval.EvaluationReport;
import org.tinyseq.train.eval.Evaluator;
import org.tinyseq.train.eval.TranslationMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prepares a corpus exactly as training would, prints its counts (pairs read, dropped, split,
 * vocabulary sizes, effect of the Traditional-to-Simplified conversion) and scores the
 * translation-memory baseline on the validation split. No model needed: this is the yardstick a
 * trained model is compared with.
 */
@Command(
    name = "baseline",
    mixinStandardHelpOptions = true,
    description =
        "Corpus counts and the translation-memory baseline's scores on the validation split.")
public final class BaselineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CorpusOptions corpus;

  @Mixin DataOptionsMixin dataOptions;

  @Option(
      names = "--min-count",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "vocabulary sizes count tokens seen at least N times (default: ${DEFAULT-VALUE})")
  int minCount;

  @Option(names = "--json", paramLabel = "<out.json>", description = "also write the figures here")
  Path json;

  @Option(
      names = "--sample",
      paramLabel = "N",
      description =
          "answer an evenly spaced sample of N validation pairs (every size/N-th), for corpora"
              + " whose full validation side takes long")
  Integer sample;

  @Option(
      names = "--chat",
      description = "also measure the replies' diversity (distinct-1/2, the top reply's share)")
  boolean chat;

  @Override
  public Integer call() throws Exception {
    if (sample != null && sample < 1) {
      throw new IllegalArgumentException("--sample must be >= 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    DataOptions options = dataOptions.toDataOptions();
    Corpus data = corpus.load();
    PreparedData prepared = DataPipeline.prepare(data, options);
    Map<String, Object> stats = stats(data, options, prepared);
    stats.forEach((key, value) -> out.printf(Locale.ROOT, "%-34s %s%n", key, value));
    out.flush();
    if (prepared.validation().isEmpty()) {
      throw new IllegalArgumentException(
          "no validation pairs: use a --validation-fraction above 0");
    }

    long start = System.nanoTime();
    TranslationMemory memory = TranslationMemory.build(prepared.train());
    long built = System.nanoTime();
    List<TextPair> validation =
        sample == null ? prepared.validation() : EvenSample.of(prepared.validation(), sample);
    List<String> sources = validation.stream().map(TextPair::source).toList();
    List<String> references = validation.stream().map(TextPair::target).toList();
    List<String> answers = memory.translateAll(sources);
    long answered = System.nanoTime();
    EvaluationReport report = Evaluator.evaluate(answers, references, chat);
    out.printf(
        Locale.ROOT,
        "%ntranslation memory: %d training sources indexed in %.2f s, %d validation sources"
            + " answered in %.2f s%n",
        memory.size(),
        (built - start) / 1e9,
        sources.size(),
        (answered - built) / 1e9);
    ScoreTable.header(out, chat);
    ScoreTable.row(out, "translation memory", report);
    if (json != null) {
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(
              json.toFile(),
              new EvalSummary(
                  null,
                  corpus.data(),
                  data.sha256(),
                  "validation",
                  options.toMap(),
                  null,
                  report,
                  null,
                  stats,
                  null,
                  null));
    }
    out.flush();
    return 0;
  }

  private Map<String, Object> stats(Corpus data, DataOptions options, PreparedData prepared) {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("corpus", data.name() + " (" + data.location() + ")");
    stats.put("sha256", data.sha256());
    stats.put("pairsRead", data.pairs().size());
    stats.put("malformedSkipped", data.skipped());
    stats.put("droppedEmpty", prepared.droppedEmpty());
    stats.put("droppedTooLong", prepared.droppedTooLong());
    stats.put("kept", prepared.kept());
    stats.put(
        "keptPercent",
        String.format(
            Locale.ROOT, "%.2f", 100.0 * prepared.kept() / Math.max(1, data.pairs().size())));
    if (data.isCombined()) {
      for (SourceCounts source : prepared.sources()) {
        stats.put(
            "source " + source.name(),
            String.format(
                Locale.ROOT,
                "%d read, %d kept (%d train, %d validation), sha256 %s",
                source.pairsRead(),
                source.trainPairs() + source.validationPairs(),
                source.trainPairs(),
                source.validationPairs(),
                source.sha256()));
      }
    }
    stats.put("lowercasedCopies", prepared.lowercasedCopies());
    stats.put("trainPairs", prepared.train().size());
    stats.put("validationPairs", prepared.validation().size());
    stats.put("trainSources", distinctSources(prepared.train()));
    stats.put("validationSources", distinctSources(prepared.validation()));
    int changed = 0;
    for (TextPair pair : data.pairs()) {
      if (!DataPipeline.normalize(pair, true).equals(DataPipeline.normalize(pair, false))) {
        changed++;
      }
    }
    stats.put("pairsChangedBySimplified", changed);
    stats.put(
        "pairsChangedBySimplifiedPercent",
        String.format(Locale.ROOT, "%.2f", 100.0 * changed / Math.max(1, data.pairs().size())));
    List<TextPair> train = prepared.train();
    stats.put(
        "sourceVocabularyChar",
        VocabularyBuilder.source(train, TokenUnit.CHAR, minCount, 0).size());
    stats.put(
        "sourceVocabularyWord",
        VocabularyBuilder.source(train, TokenUnit.WORD, minCount, 0).size());
    stats.put("targetVocabulary", VocabularyBuilder.target(train, minCount, 0).size());
    DataOptions other = options.withSimplified(!options.simplified());
    stats.put(
        options.simplified() ? "targetVocabularyWithoutSimplified" : "targetVocabularySimplified",
        VocabularyBuilder.target(DataPipeline.prepare(data, other).train(), minCount, 0).size());
    stats.put("vocabularyMinCount", minCount);
    return stats;
  }

  private static int distinctSources(List<TextPair> pairs) {
    Set<String> sources = new HashSet<>();
    pairs.forEach(p -> sources.add(p.source().toLowerCase(Locale.ROOT)));
    return sources.size();
  }
}
