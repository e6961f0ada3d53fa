package org.tinyseq.train.training;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.bundle.BundleWriter;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.memory.MemoryFile;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.CorpusManifest;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.memory.MemoryBuilder;
import org.tinyseq.train.model.BundleTensors;

/**
 * Writes a trained model as a bundle (docs/bundle-format.md) with its full manifest: architecture,
 * corpus identity and pair counts, every training parameter and the exact command, validation
 * metrics (loss, and BLEU / chrF / exact match of greedy decoding next to the translation-memory
 * baseline), the loss curve as an extra file, and the example memory of the training split with its
 * threshold chosen on validation ({@code metrics.memory}).
 */
public final class BundleExport {
  public static final String LOSS_CURVE = "loss-curve.png";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private BundleExport() {}

  /** What to write. */
  public record Request(
      Trainer.Result result,
      Corpus corpus,
      PreparedData prepared,
      DataOptions dataOptions,
      TrainOptions trainOptions,
      String command,
      double wallSeconds,
      int evaluationLimit,
      Map<String, Object> extraTraining) {}

  /** Writes {@code parent/<kind>-<UTC stamp>} and returns it. */
  public static Path write(Path parent, Request r) throws IOException {
    Trainer.Result result = r.result();
    String kind = r.trainOptions().kind().jsonName();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Map<String, Object> corpus = CorpusManifest.entry(r.corpus(), r.prepared());

    Map<String, Object> training = new LinkedHashMap<>();
    training.put("command", r.command());
    training.putAll(r.trainOptions().toMap());
    training.putAll(r.dataOptions().toMap());
    training.putAll(r.extraTraining());
    training.put("parameters", result.best().count());
    training.put("epochsRun", result.history().size());
    training.put("bestEpoch", result.bestEpoch());
    training.put("stoppedEarly", result.stoppedEarly());
    training.put("resumedFromEpoch", result.resumedFromEpoch());
    training.put("trainSequencesPerSecond", round(result.medianSequencesPerSecond()));
    training.put("wallSeconds", round(r.wallSeconds()));
    training.put(
        "history",
        result.history().stream()
            .map(
                e ->
                    Map.of(
                        "epoch", e.epoch(),
                        "trainLoss", round4(e.trainLoss()),
                        "validationLoss", round4(e.validationLoss()),
                        "sequencesPerSecond", round(e.sequencesPerSecond())))
            .toList());

    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("validationLoss", round4(result.bestValidationLoss()));
    Manifest draft =
        manifest(kind, kind + "-" + STAMP.format(now), now, result, corpus, training, metrics);
    List<MemoryEntry> memoryEntries = MemoryBuilder.entries(r.prepared().train());
    metrics.putAll(
        ValidationMetrics.evaluate(
            BundleTensors.inMemory(
                draft, result.sourceVocabulary(), result.targetVocabulary(), result.best()),
            r.prepared().train(),
            r.prepared().validation(),
            r.evaluationLimit(),
            new ExampleMemory(memoryEntries, 1.0),
            r.prepared().train().size()));
    byte[] memoryFile = MemoryFile.write(memoryEntries);
    byte[] png =
        LossCurve.png(kind + " (" + result.config().cell().jsonName() + ")", result.history());
    for (int attempt = 0; ; attempt++) {
      Instant stamp = now.plusSeconds(attempt);
      Manifest manifest =
          manifest(kind, kind + "-" + STAMP.format(stamp), now, result, corpus, training, metrics);
      try {
        Path written =
            BundleWriter.write(
                parent,
                manifest,
                result.sourceVocabulary(),
                result.targetVocabulary(),
                BundleTensors.encoder(result.best()),
                BundleTensors.decoder(result.best()),
                Map.of(LOSS_CURVE, png, MemoryFile.FILE_NAME, memoryFile));
        java.nio.file.Files.write(parent.resolve(manifest.version() + "." + LOSS_CURVE), png);
        return written;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 30) {
          throw e;
        }
      }
    }
  }

  private static Manifest manifest(
      String kind,
      String version,
      Instant createdAt,
      Trainer.Result result,
      Map<String, Object> corpus,
      Map<String, Object> training,
      Map<String, Object> metrics) {
    return Manifest.builder()
        .kind(ModelKind.fromJson(kind).orElseThrow())
        .version(version)
        .createdAt(createdAt.toString())
        .architecture(result.config().architecture())
        .vocabularySizes(result.sourceVocabulary().size(), result.targetVocabulary().size())
        .corpus(corpus)
        .training(training)
        .metrics(metrics)
        .build();
  }

  static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : v;
  }

  static double round4(double v) {
    return Double.isFinite(v) ? Math.round(v * 10000) / 10000.0 : v;
  }
}
