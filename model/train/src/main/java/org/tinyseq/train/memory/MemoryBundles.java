package org.tinyseq.train.memory;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.BundleWriter;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.memory.MemoryFile;
import org.tinyseq.serve.memory.MemoryMatch;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.data.EvenSample;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.data.TextPair;
import org.tinyseq.train.eval.EvaluationReport;
import org.tinyseq.train.eval.Evaluator;
import org.tinyseq.train.training.ValidationMetrics;

/**
 * Adds an example memory to an existing bundle: rebuilds the bundle's split from its manifest (as
 * {@code eval} does; the corpus must be the one it was trained on), builds the memory from the
 * training side, chooses the threshold on the validation side with the bundle's own decoder, and
 * writes a new bundle version: every other file copied byte for byte, the manifest's metrics
 * extended by {@code memory}, checksums for all. The new bundle is read back and verified.
 */
public final class MemoryBundles {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private MemoryBundles() {}

  /**
   * What serving the validation pairs too is worth, measured on held-out pairs: the validation
   * sources are split in two halves (by source, alternately in order of first appearance), and each
   * half is answered by a memory of the training pairs plus the other half at {@code threshold},
   * the decoder where it does not match. Half of the added pairs are in each memory, so the full
   * effect of adding them all is about twice the gain over the training-only memory.
   */
  static EvaluationReport otherHalfEstimate(
      List<TextPair> train, List<TextPair> validation, List<String> decoded, double threshold) {
    Map<String, Integer> halfOf = new LinkedHashMap<>();
    for (TextPair p : validation) {
      halfOf.computeIfAbsent(p.source().toLowerCase(java.util.Locale.ROOT), k -> halfOf.size() % 2);
    }
    String[] answers = new String[validation.size()];
    for (int half = 0; half < 2; half++) {
      List<TextPair> memoryPairs = new ArrayList<>(train);
      for (TextPair p : validation) {
        if (halfOf.get(p.source().toLowerCase(java.util.Locale.ROOT)) != half) {
          memoryPairs.add(p);
        }
      }
      ExampleMemory memory = new ExampleMemory(MemoryBuilder.entries(memoryPairs), threshold);
      for (int i = 0; i < validation.size(); i++) {
        TextPair p = validation.get(i);
        if (halfOf.get(p.source().toLowerCase(java.util.Locale.ROOT)) == half) {
          MemoryMatch m = memory.lookup(p.source());
          answers[i] = m != null && m.score() >= threshold ? m.target() : decoded.get(i);
        }
      }
    }
    return Evaluator.evaluate(List.of(answers), validation.stream().map(TextPair::target).toList());
  }

  /** What was written. */
  public record Added(Path bundle, String version, int entries, ThresholdChoice.Scores scores) {}

  public static Added add(
      Bundle bundle, BundleSource source, Corpus corpus, Path out, String command)
      throws IOException, BundleException {
    return add(bundle, source, corpus, out, command, 0);
  }

  /**
   * As {@link #add(Bundle, BundleSource, Corpus, Path, String)}, the memory built from at most
   * {@code maxPairs} training pairs (evenly spaced; 0 = all): a serving heap holds the memory's
   * index, so a large corpus (the chat corpus' 250,000 pairs) needs a cap.
   */
  public static Added add(
      Bundle bundle, BundleSource source, Corpus corpus, Path out, String command, int maxPairs)
      throws IOException, BundleException {
    return add(bundle, source, corpus, out, command, maxPairs, false);
  }

  /**
   * As {@link #add(Bundle, BundleSource, Corpus, Path, String, int)}; with {@code
   * includeValidation} the memory written holds the validation pairs too, after the threshold was
   * chosen on them with the training-only memory: they are true translations, and a user should be
   * served from every pair there is. The manifest records both counts; the memory's figures are
   * then those of the training-only memory (the validation pairs can no longer measure it).
   */
  public static Added add(
      Bundle bundle,
      BundleSource source,
      Corpus corpus,
      Path out,
      String command,
      int maxPairs,
      boolean includeValidation)
      throws IOException, BundleException {
    Manifest manifest = bundle.manifest();
    Object trainedOn = manifest.corpus() == null ? null : manifest.corpus().get("sha256");
    if (!corpus.sha256().equals(trainedOn)) {
      throw new IllegalArgumentException(
          corpus.path()
              + " is not the corpus "
              + bundle.version()
              + " was trained on (sha256 differs): its split cannot be rebuilt");
    }
    PreparedData prepared = DataPipeline.prepare(corpus, DataOptions.fromMap(manifest.training()));
    List<TextPair> pairs =
        maxPairs > 0 ? EvenSample.of(prepared.train(), maxPairs) : prepared.train();
    List<MemoryEntry> entries = MemoryBuilder.entries(pairs);
    ExampleMemory memory = new ExampleMemory(entries, 1.0);
    ThresholdChoice.Scores scores = null;
    if (!prepared.validation().isEmpty()) {
      List<String> sources = prepared.validation().stream().map(TextPair::source).toList();
      List<String> references = prepared.validation().stream().map(TextPair::target).toList();
      List<String> decoded = ValidationMetrics.decodeAll(GreedyDecoder.of(bundle), sources);
      scores = ThresholdChoice.choose(memory, sources, references, decoded);
    }
    Map<String, Object> memoryMetrics =
        MemoryMetrics.of(entries.size(), prepared.train().size(), scores);
    if (includeValidation && scores != null) {
      List<String> decoded =
          ValidationMetrics.decodeAll(
              GreedyDecoder.of(bundle),
              prepared.validation().stream().map(TextPair::source).toList());
      memoryMetrics.put(
          "otherHalfEstimate",
          otherHalfEstimate(pairs, prepared.validation(), decoded, scores.threshold()).toMetrics());
    }
    if (includeValidation) {
      List<TextPair> all = new ArrayList<>(pairs);
      all.addAll(prepared.validation());
      entries = MemoryBuilder.entries(all);
      memoryMetrics.put("thresholdChosenWith", memoryMetrics.get("entries"));
      memoryMetrics.put("entries", entries.size());
      memoryMetrics.put("validationPairs", prepared.validation().size());
      memoryMetrics.put(
          "includesValidation",
          "the served memory holds the training and validation pairs; threshold and figures are"
              + " the training-only memory's, chosen on validation");
    }
    if (maxPairs > 0) {
      memoryMetrics.put("maxPairs", maxPairs);
    }
    memoryMetrics.put("addedTo", bundle.version());
    memoryMetrics.put("command", command);
    Map<String, Object> metrics =
        manifest.metrics() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(manifest.metrics());
    metrics.put("memory", memoryMetrics);

    Map<String, byte[]> files = new LinkedHashMap<>();
    org.tinyseq.serve.bundle.FileLimits limits = org.tinyseq.serve.bundle.FileLimits.of(manifest);
    for (String name : manifest.files().keySet()) {
      if (!name.equals(MemoryFile.FILE_NAME)) {
        files.put(name, source.read(name, limits.maxBytes(name)));
      }
    }
    files.put(MemoryFile.FILE_NAME, MemoryFile.write(entries));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (int attempt = 0; ; attempt++) {
      String version = manifest.kind() + "-" + STAMP.format(now.plusSeconds(attempt));
      try {
        Path written =
            BundleWriter.writeFiles(out, manifest.withVersion(version).withMetrics(metrics), files);
        BundleReader.read(BundleSource.directory(written)); // refuses what it would refuse later
        return new Added(written, version, entries.size(), scores);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 30) {
          throw e;
        }
      }
    }
  }
}
