package org.tinyseq.train.data;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies a {@link MalformedPolicy} to the problems a reader finds, counting skipped ones. */
final class MalformedLog {
  private static final Logger LOG = LoggerFactory.getLogger(CorpusLoader.class);

  private final MalformedPolicy policy;
  private int skipped;

  MalformedLog(MalformedPolicy policy) {
    this.policy = policy;
  }

  /** Throws under {@link MalformedPolicy#FAIL}; logs a warning and counts under SKIP. */
  void report(Path file, int line, String reason) throws MalformedDataException {
    MalformedDataException problem = new MalformedDataException(file, line, reason);
    if (policy == MalformedPolicy.FAIL) {
      throw problem;
    }
    skipped++;
    LOG.warn("skipped: {}", problem.getMessage());
  }

  int skipped() {
    return skipped;
  }
}
