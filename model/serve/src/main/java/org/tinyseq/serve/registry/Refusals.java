package org.tinyseq.serve.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundles that were refused, and why. A refusal holds for the bundle's directory as long as its
 * {@link Fingerprint} is unchanged, and it survives a restart: it is written next to the bundle as
 * {@code <bundle>.refused} (a small text file the operator can read, and delete to have the bundle
 * tried again, e.g. after raising -Xmx). The same file is written just before a load starts and
 * deleted when the load succeeds, so a process that dies while loading a bundle (killed for its
 * memory, or {@code -XX:+ExitOnOutOfMemoryError}) refuses that bundle at its next start instead of
 * dying on it again. When the models folder is not writable, refusals last until the restart.
 */
final class Refusals {
  private static final Logger log = LoggerFactory.getLogger(Refusals.class);
  static final String SUFFIX = ".refused";
  static final String STOPPED_WHILE_LOADING =
      "the process stopped while loading this bundle (out of memory, or killed); delete "
          + "this file to try it again";
  private static final long MAX_MARKER_BYTES = 64 << 10;

  private final Map<Path, Refusal> refused = new ConcurrentHashMap<>();
  private final Set<Path> unwritable = ConcurrentHashMap.newKeySet();

  /** The file that records a refusal of {@code bundle}. */
  static Path marker(Path bundle) {
    return bundle.resolveSibling(bundle.getFileName() + SUFFIX);
  }

  /** True when {@code c} was refused as it is now (in this process, or recorded on disk). */
  boolean refuses(Candidate c) {
    Refusal r = refused.get(c.path());
    if (r == null) {
      r = readMarker(c);
      if (r != null && r.fingerprint().equals(c.fingerprint())) {
        refused.put(c.path(), r);
        log.warn(
            "Refused model bundle {} (recorded in {}): {}",
            c.path(),
            marker(c.path()).getFileName(),
            r.reason());
      }
    }
    return r != null && r.fingerprint().equals(c.fingerprint());
  }

  /** Records, before loading {@code c}, that a load is under way (see the class comment). */
  void loading(Candidate c) {
    writeMarker(c, STOPPED_WHILE_LOADING);
  }

  /** {@code c} loaded: no refusal stands. */
  void loaded(Candidate c) {
    refused.remove(c.path());
    try {
      Files.deleteIfExists(marker(c.path()));
    } catch (IOException e) {
      log.warn("Cannot delete {}: {}", marker(c.path()), e.toString());
    }
  }

  /** Refuses {@code c} as it is now, in memory and on disk. */
  void refuse(Candidate c, String reason) {
    refused.put(c.path(), new Refusal(c.fingerprint(), reason));
    writeMarker(c, reason);
  }

  /** Forgets refusals of directories that are gone, with their files. */
  void forgetMissing() {
    refused.keySet().removeIf(p -> !Files.isDirectory(p));
  }

  /** Deletes the refusal files of a kind folder whose bundle directory is gone. */
  void deleteOrphans(Path kindFolder) {
    try (var entries = Files.list(kindFolder)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(SUFFIX)
            && !name.startsWith(".")
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Path bundle = p.resolveSibling(name.substring(0, name.length() - SUFFIX.length()));
          if (!Files.isDirectory(bundle, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      // unlistable this instant: the next scan tries again
    }
  }

  /** "path: reason" for every standing refusal, sorted by path. */
  List<String> report() {
    List<String> out = new ArrayList<>();
    refused.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> out.add(e.getKey() + ": " + e.getValue().reason()));
    return out;
  }

  private Refusal readMarker(Candidate c) {
    Path file = marker(c.path());
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || Files.size(file) > MAX_MARKER_BYTES) {
        return null;
      }
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        p.load(in);
      }
      Fingerprint fp = Fingerprint.parse(p.getProperty("fingerprint", ""));
      String reason = p.getProperty("reason");
      return fp == null || reason == null ? null : new Refusal(fp, printable(reason));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      return null; // an unreadable record is no record: the bundle is tried
    }
  }

  private void writeMarker(Candidate c, String reason) {
    Path file = marker(c.path());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Properties p = new Properties();
    p.setProperty("fingerprint", c.fingerprint().format());
    p.setProperty("reason", reason);
    p.setProperty("refusedAt", Instant.now().toString());
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(
            w,
            "tinyseq refused the model bundle "
                + c.name()
                + " (as long as it is unchanged); delete this file to have it tried again");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      unwritable.remove(c.path().getParent());
    } catch (IOException | RuntimeException e) {
      if (unwritable.add(c.path().getParent())) {
        log.warn(
            "Cannot record refusals in {} ({}); they last until the process restarts",
            c.path().getParent(),
            e.toString());
      }
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // nothing was written
      }
    }
  }

  /** A reason read back from disk is shown in logs: no control characters, bounded length. */
  private static String printable(String s) {
    String p = s.replaceAll("\\p{Cntrl}", "?");
    return p.length() > 500 ? p.substring(0, 500) + "..." : p;
  }
}
