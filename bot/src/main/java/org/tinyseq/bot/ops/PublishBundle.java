package org.tinyseq.bot.ops;

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
 * Publishes a verified copy of a bundle under a new version into a models folder, atomically (a
 * hidden directory, then one rename: a watching bot never sees half a bundle). For operators:
 * seeding a models folder from the embedded defaults, or rolling back by republishing an older
 * bundle as the newest; and for the container test, which needs a "new model" without training.
 *
 * <pre>
 * java -cp bot.jar org.tinyseq.bot.ops.PublishBundle SOURCE KIND_FOLDER [VERSION]
 *   SOURCE       default:translate, default:chat, or a bundle directory
 *   KIND_FOLDER  e.g. $MODELS_DIR/translate
 *   VERSION      the new version label (default: KIND-yyyyMMdd'T'HHmmss'Z', now)
 * </pre>
 */
public final class PublishBundle {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private PublishBundle() {}

  public static void main(String[] args) {
    if (args.length < 2 || args.length > 3) {
      System.err.println(
          "usage: PublishBundle SOURCE KIND_FOLDER [VERSION]   (SOURCE: default:translate,"
              + " default:chat or a bundle directory)");
      System.exit(2);
    }
    try {
      Path written = publish(args[0], Path.of(args[1]), args.length == 3 ? args[2] : null);
      System.out.println(written);
    } catch (BundleException | IOException e) {
      System.err.println("PublishBundle: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Copies the bundle {@code source} into {@code kindFolder/version}; returns the new directory.
   *
   * @param version the new label, null for {@code <kind>-<UTC timestamp>}
   */
  public static Path publish(String source, Path kindFolder, String version)
      throws BundleException, IOException {
    Bundle bundle = ModelRef.load(source);
    Manifest m = bundle.manifest();
    Instant now = Instant.now();
    String label = version != null ? version : m.kind() + "-" + STAMP.format(now);
    Map<String, Object> training =
        new LinkedHashMap<>(m.training() == null ? Map.of() : m.training());
    training.put("republishedFrom", m.version());
    // The copy carries the weights and vocabularies only: without its memory file, the memory's
    // threshold must go too (a reader refuses a threshold without a memory).
    Map<String, Object> metrics = new LinkedHashMap<>(m.metrics() == null ? Map.of() : m.metrics());
    metrics.remove("memory");
    Manifest copy =
        new Manifest(
            m.format(),
            m.formatVersion(),
            m.kind(),
            label,
            now.toString(),
            m.architecture(),
            m.sourceVocabularySize(),
            m.targetVocabularySize(),
            m.corpus(),
            training,
            metrics,
            Map.of());
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
