package org.tinyseq.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.BundleWriter;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.bundle.ModelRef;

/**
 * Publishes a verified copy of a model under a new version into a models folder, atomically (a
 * hidden directory, then one rename: a watching service never sees half a bundle). For operators:
 * seeding a models folder from the embedded defaults, or rolling back by republishing an older
 * bundle as the newest; and for the container test, which needs a "new model" without training.
 */
public final class ModelPublisher {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private ModelPublisher() {}

  /**
   * Copies the model {@code source} into {@code kindFolder/version}; returns the new directory.
   *
   * @param source {@code default:translate}, {@code default:chat} or a bundle directory
   * @param kindFolder e.g. {@code $MODELS_DIR/translate}
   * @param version the new label, null for {@code <kind>-<UTC timestamp>}
   * @throws IOException when the source is not a valid bundle (with the reader's message), or the
   *     copy cannot be written ({@link java.nio.file.FileAlreadyExistsException} if the version
   *     exists)
   */
  public static Path publish(String source, Path kindFolder, String version) throws IOException {
    Bundle bundle;
    try {
      bundle = ModelRef.load(source);
    } catch (BundleException e) {
      throw new IOException(e.getMessage(), e);
    }
    Manifest m = bundle.manifest();
    Instant now = Instant.now();
    String label = version != null ? version : m.kind().jsonName() + "-" + STAMP.format(now);
    Map<String, Object> training =
        new LinkedHashMap<>(m.training() == null ? Map.of() : m.training());
    training.put("republishedFrom", m.version());
    // The copy carries the weights and vocabularies only: without its memory file, the memory's
    // threshold must go too (a reader refuses a threshold without a memory).
    Map<String, Object> metrics = new LinkedHashMap<>(m.metrics() == null ? Map.of() : m.metrics());
    metrics.remove("memory");
    Manifest copy =
        m.toBuilder()
            .version(label)
            .createdAt(now.toString())
            .training(training)
            .metrics(metrics)
            .files(Map.of()) // BundleWriter lists the copy's files
            .build();
    return BundleWriter.write(
        kindFolder,
        copy,
        bundle.sourceVocabulary(),
        bundle.targetVocabulary(),
        new ArrayList<>(bundle.encoder().values()),
        new ArrayList<>(bundle.decoder().values()),
        Map.of());
  }
}
