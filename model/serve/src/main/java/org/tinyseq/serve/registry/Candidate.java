package org.tinyseq.serve.registry;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;

/**
 * A bundle directory found in the models directory.
 *
 * @param path the bundle directory
 * @param folderKind the kind folder it sits in
 * @param fingerprint its state on disk
 * @param createdAt the manifest's creation time, but never later than the newest modification time
 *     of the directory and its files (a date in the future must not hide later publishes); null
 *     when the manifest is unreadable
 * @param manifestKind the manifest's kind, null when unreadable
 */
record Candidate(
    Path path, String folderKind, Fingerprint fingerprint, Instant createdAt, String manifestKind) {

  /**
   * Newest first: by createdAt, then by directory name. Bundles with an unreadable manifest come
   * first so that each is tried (and refused with a clear reason) once.
   */
  static final Comparator<Candidate> NEWEST_FIRST =
      Comparator.comparing(
              Candidate::createdAt, Comparator.nullsFirst(Comparator.<Instant>reverseOrder()))
          .thenComparing(c -> c.path().getFileName().toString(), Comparator.reverseOrder());

  String name() {
    return path.getFileName().toString();
  }
}
