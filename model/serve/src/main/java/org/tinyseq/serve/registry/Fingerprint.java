package org.tinyseq.serve.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * What a bundle directory looks like on disk: newest modification time of the directory and its
 * files, their total size and count. A bundle refused once is not retried until this changes.
 */
record Fingerprint(long lastModifiedMillis, long totalBytes, int files) {

  /** "lastModifiedMillis/totalBytes/files", as recorded in a refusal file. */
  String format() {
    return lastModifiedMillis + "/" + totalBytes + "/" + files;
  }

  /** The fingerprint {@link #format} wrote, or null. */
  static Fingerprint parse(String s) {
    String[] p = s.trim().split("/");
    try {
      return p.length == 3
          ? new Fingerprint(Long.parseLong(p[0]), Long.parseLong(p[1]), Integer.parseInt(p[2]))
          : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Fingerprint of(Path dir) throws IOException {
    long newest = Files.getLastModifiedTime(dir).toMillis();
    long bytes = 0;
    int count = 0;
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        newest = Math.max(newest, a.lastModifiedTime().toMillis());
        bytes += a.size();
        count++;
      }
    }
    return new Fingerprint(newest, bytes, count);
  }
}
