package org.tinyseq.serve.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.Manifest;

/**
 * Lists the bundle directories of {@code <modelsDir>/<kind>/}. Hidden entries (names starting with
 * '.') are writes in progress ({@code BundleWriter} publishes by renaming a hidden temporary
 * directory) and are ignored, as are plain files. Only the small manifest is read here, and only
 * again when the directory's fingerprint changes.
 */
final class ModelsDirectory {
  private static final Logger log = LoggerFactory.getLogger(ModelsDirectory.class);
  private final Path root;
  private final Map<Path, Candidate> known = new ConcurrentHashMap<>();
  private final Set<Path> unlistable = ConcurrentHashMap.newKeySet();

  ModelsDirectory(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** The bundles of {@code kind}, newest first (see {@link Candidate#NEWEST_FIRST}). */
  List<Candidate> candidates(String kind) {
    Path folder = root.resolve(kind);
    List<Candidate> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        if (p.getFileName().toString().startsWith(".") || !Files.isDirectory(p)) {
          continue;
        }
        Candidate c = describe(p, kind);
        if (c != null) {
          out.add(c);
        }
      }
    } catch (IOException e) {
      // The folder vanished or is unreadable this instant: report no bundles, the serving model
      // stays (see ModelRegistry) and the next scan tries again. Said once until it lists again.
      if (unlistable.add(folder)) {
        log.warn("Cannot list {} ({}); the serving model stays", folder, e.toString());
      }
      return out;
    }
    unlistable.remove(folder);
    out.sort(Candidate.NEWEST_FIRST);
    return out;
  }

  private Candidate describe(Path dir, String kind) {
    Fingerprint fp;
    try {
      fp = Fingerprint.of(dir);
    } catch (IOException e) {
      return null; // removed while we looked
    }
    Candidate cached = known.get(dir);
    if (cached != null && cached.fingerprint().equals(fp) && cached.folderKind().equals(kind)) {
      return cached;
    }
    Instant createdAt = null;
    String manifestKind = null;
    try {
      // within its size cap, never through a link, never a FIFO: the manifest is hostile input too
      Manifest m = BundleReader.readManifest(BundleSource.directory(dir));
      manifestKind = m.kind();
      createdAt = parseInstant(m.createdAt());
    } catch (BundleException | RuntimeException e) {
      // unreadable manifest: createdAt stays null; loading refuses it with the exact reason and
      // logs that once (ModelRegistry)
    }
    Instant written = Instant.ofEpochMilli(fp.lastModifiedMillis());
    if (createdAt != null && createdAt.isAfter(written)) {
      // A date in the future (a wrong clock, a hand-edited manifest) would keep this bundle first
      // and hide every later publish: it counts as the time its files were written.
      log.warn(
          "Bundle {} says it was created at {}, after its files were last written ({}): it is"
              + " ordered by the time its files were written",
          dir,
          createdAt,
          written);
      createdAt = written;
    }
    Candidate c = new Candidate(dir, kind, fp, createdAt, manifestKind);
    known.put(dir, c);
    return c;
  }

  private static Instant parseInstant(String s) {
    if (s == null) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH; // sorts as oldest; the bundle is still usable
    }
  }

  /** Forgets cached descriptions of directories that are gone. */
  void forgetMissing() {
    known.keySet().removeIf(p -> !Files.isDirectory(p));
  }
}
