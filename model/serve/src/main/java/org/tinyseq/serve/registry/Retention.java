package org.tinyseq.serve.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@code keep} newest usable bundles of a kind in the models directory and deletes the
 * older ones: never the serving one, never a refused one (left for the operator to inspect).
 */
final class Retention {
  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  private final int keep;

  /**
   * @param keep bundles kept per kind; 0 keeps all
   */
  Retention(int keep) {
    this.keep = keep;
  }

  /**
   * @param candidates the kind's bundles, newest first; @param serving the serving one or null
   */
  void prune(String kind, List<Candidate> candidates, Path serving, Refusals refusals) {
    if (keep <= 0) {
      return;
    }
    int kept = 0;
    for (Candidate c : candidates) {
      if (refusals.refuses(c)) {
        continue;
      }
      boolean isServing = c.path().equals(serving);
      if (isServing || kept < keep) {
        kept++;
        continue;
      }
      try {
        deleteRecursively(c.path());
        log.info("Deleted old {} bundle {} (keeping {} per kind)", kind, c.path(), keep);
      } catch (IOException e) {
        log.warn("Could not delete old bundle {}: {}", c.path(), e.toString());
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
