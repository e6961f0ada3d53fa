package org.tinyseq.serve.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.pool.PoolIndexes;

/**
 * The model serving each kind, and the rules that choose it.
 *
 * <p>A scan looks at {@code <modelsDir>/<kind>/}, newest bundle first (manifest {@code createdAt},
 * then directory name). It stops at the bundle already serving; otherwise it loads the first one
 * that passes {@link ModelLoader} and swaps it in atomically. A bundle that fails is refused with
 * one WARN line, remembered by path and fingerprint (not retried until it changes), and the scan
 * goes on with the next older one, but never past the serving one: a bad new bundle leaves the
 * current model serving. When the serving bundle's directory disappears (rollback by moving it
 * out), the next newest valid one serves; when none is left, the embedded default (if enabled),
 * else the model in memory keeps serving. With no valid bundle of a kind in the directory, the
 * embedded default serves (if enabled).
 *
 * <p>Requests {@link #acquire} the current model and release it when done; a swapped-out model is
 * closed once its last request has finished.
 */
public final class ModelRegistry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

  private final List<String> kinds;
  private final ModelsDirectory directory;
  private final Function<String, BundleSource> defaults;
  private final ModelLoader loader;
  private final int keepBundles;
  private final RegistryEvents events;
  private final Map<String, AtomicReference<LoadedModel>> serving = new LinkedHashMap<>();
  private final Map<Path, Refusal> refused = new ConcurrentHashMap<>();
  private final Map<String, String> refusedDefaults = new ConcurrentHashMap<>();
  private final Set<String> orphanWarnings = ConcurrentHashMap.newKeySet();
  private final ExecutorService retirer =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "tinyseq-model-retire");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closed;

  /**
   * @param kinds the model kinds to serve
   * @param modelsDir the models directory, if any
   * @param defaults the embedded default bundle of a kind, or null to use none
   * @param keepBundles retention per kind in the models directory, 0 = keep all
   */
  public ModelRegistry(
      List<String> kinds,
      Optional<Path> modelsDir,
      Function<String, BundleSource> defaults,
      BatcherConfig batcher,
      int maxOutputSteps,
      int keepBundles,
      RegistryEvents events) {
    this(
        kinds,
        modelsDir,
        defaults,
        batcher,
        maxOutputSteps,
        keepBundles,
        events,
        PoolIndexes.of(Optional.empty(), modelsDir));
  }

  /**
   * @param poolIndexes where the indexes of chat bundles' reply pools are built and reused
   */
  public ModelRegistry(
      List<String> kinds,
      Optional<Path> modelsDir,
      Function<String, BundleSource> defaults,
      BatcherConfig batcher,
      int maxOutputSteps,
      int keepBundles,
      RegistryEvents events,
      PoolIndexes poolIndexes) {
    this.kinds = List.copyOf(kinds);
    this.directory = modelsDir.map(ModelsDirectory::new).orElse(null);
    this.defaults = defaults;
    this.loader =
        new ModelLoader(batcher, maxOutputSteps, this::closeLater, events::onBatch, poolIndexes);
    this.keepBundles = keepBundles;
    this.events = events;
    for (String kind : kinds) {
      serving.put(kind, new AtomicReference<>());
    }
    if (directory != null && !Files.isDirectory(directory.root())) {
      log.warn("Models directory {} does not exist (yet); it is scanned all the same", modelsDir);
    }
  }

  /** The model serving {@code kind}, or null; for reading only (see {@link #acquire}). */
  public LoadedModel current(String kind) {
    AtomicReference<LoadedModel> ref = serving.get(kind);
    return ref == null ? null : ref.get();
  }

  /**
   * The model serving {@code kind} with a reference taken (the caller must {@link
   * LoadedModel#release} it), or null when none serves.
   */
  public LoadedModel acquire(String kind) {
    AtomicReference<LoadedModel> ref = serving.get(kind);
    if (ref == null) {
      return null;
    }
    while (true) {
      LoadedModel m = ref.get();
      if (m == null || m.tryAcquire()) {
        return m;
      }
      // m was swapped out and drained between get() and tryAcquire(): ref already holds its
      // successor, so the next round succeeds.
    }
  }

  /** Rescans the models directory (and falls back to the defaults) as described above. */
  public synchronized ScanReport scan() {
    List<String> loaded = new ArrayList<>();
    if (!closed) {
      for (String kind : kinds) {
        scanKind(kind, loaded);
      }
      if (directory != null) {
        directory.forgetMissing();
        refused.keySet().removeIf(p -> !Files.isDirectory(p));
      }
    }
    List<String> refusals = new ArrayList<>();
    refused.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> refusals.add(e.getKey() + ": " + e.getValue().reason()));
    refusedDefaults.forEach((kind, reason) -> refusals.add("default:" + kind + ": " + reason));
    return new ScanReport(loaded, refusals, currentVersions());
  }

  /** The version serving each kind, by kind; kinds without a model are absent. */
  public Map<String, String> currentVersions() {
    Map<String, String> out = new LinkedHashMap<>();
    serving.forEach(
        (kind, ref) -> {
          LoadedModel m = ref.get();
          if (m != null) {
            out.put(kind, m.version());
          }
        });
    return out;
  }

  private void scanKind(String kind, List<String> loaded) {
    List<Candidate> candidates = directory == null ? List.of() : directory.candidates(kind);
    if (!walk(kind, candidates, loaded)) {
      fallBack(kind, loaded);
    }
    if (keepBundles > 0 && directory != null) {
      prune(kind, candidates);
    }
  }

  /** Newest first down to the serving bundle; true when a directory bundle serves afterwards. */
  private boolean walk(String kind, List<Candidate> candidates, List<String> loaded) {
    LoadedModel cur = current(kind);
    for (Candidate c : candidates) {
      boolean isCurrentPath = cur != null && c.path().equals(cur.path());
      if (isCurrentPath && c.fingerprint().equals(cur.fingerprint())) {
        return true;
      }
      Refusal r = refused.get(c.path());
      if (r == null || !r.fingerprint().equals(c.fingerprint())) {
        try {
          swap(kind, load(c));
          loaded.add(current(kind).version());
          return true;
        } catch (BundleException e) {
          refuse(c, e.getMessage());
        } catch (RuntimeException | Error e) {
          // A hostile or unlucky bundle (e.g. one that exhausts the heap) is one refusal, logged
          // once with its stack trace; the scan goes on with the other bundles and kinds.
          log.warn("Unexpected failure while loading bundle {}", c.path(), e);
          refuse(c, "unexpected failure while loading: " + e);
        }
      }
      if (isCurrentPath) {
        return true; // the serving bundle changed on disk into something invalid: keep the model
      }
    }
    return false;
  }

  private LoadedModel load(Candidate c) throws BundleException {
    if (c.manifestKind() != null && !c.manifestKind().equals(c.folderKind())) {
      throw new BundleException(
          "manifest kind '"
              + c.manifestKind()
              + "' does not match folder '"
              + c.folderKind()
              + "'");
    }
    return loader.load(BundleSource.directory(c.path()), c.folderKind(), c.path(), c.fingerprint());
  }

  private void fallBack(String kind, List<String> loaded) {
    LoadedModel cur = current(kind);
    if (cur != null && (cur.path() == null || Files.isDirectory(cur.path()))) {
      return; // a default serves, or the directory listing failed for a moment: keep it
    }
    if (defaults != null && !refusedDefaults.containsKey(kind)) {
      BundleSource source = defaults.apply(kind);
      try {
        swap(kind, loader.load(source, kind, null, null));
        loaded.add(current(kind).version());
        return;
      } catch (BundleException | RuntimeException | Error e) {
        String reason =
            e.getCause() instanceof NoSuchFileException
                ? "not embedded in this build"
                : e instanceof BundleException
                    ? withoutLocation(e.getMessage(), source.location())
                    : "unexpected failure while loading: " + e;
        if (!(e instanceof BundleException)) {
          log.warn("Unexpected failure while loading default {} model", kind, e);
        }
        refusedDefaults.put(kind, reason);
        log.warn("Refused default {} model {}: {}", kind, source.location(), reason);
        events.onLoadFailure(source.location(), reason);
      }
    }
    if (cur != null && orphanWarnings.add(cur.cacheId())) {
      log.warn(
          "Bundle {} is gone and no other valid {} bundle is left; it keeps serving from memory",
          cur.location(),
          kind);
    } else if (cur == null && orphanWarnings.add("none:" + kind)) {
      log.warn("No valid {} model: {} requests are answered UNAVAILABLE", kind, kind);
    }
  }

  private void swap(String kind, LoadedModel next) {
    LoadedModel old = serving.get(kind).getAndSet(next);
    orphanWarnings.remove("none:" + kind);
    if (old != null) {
      old.retire(); // closes its batcher once the requests that started on it are done
    }
    log.info(
        "Serving {} model {} from {}{}",
        kind,
        next.version(),
        next.location(),
        old == null ? "" : " (was " + old.version() + ")");
    events.onSwap(kind, next.version());
  }

  private void refuse(Candidate c, String message) {
    String reason = withoutLocation(message, c.path().toString());
    refused.put(c.path(), new Refusal(c.fingerprint(), reason));
    log.warn("Refused model bundle {}: {}", c.path(), reason);
    events.onLoadFailure(c.path().toString(), reason);
  }

  /** BundleReader prefixes its messages with the location; the log line names it once. */
  private static String withoutLocation(String message, String location) {
    String prefix = location + ": ";
    return message != null && message.startsWith(prefix)
        ? message.substring(prefix.length())
        : String.valueOf(message);
  }

  /** Keeps the {@code keepBundles} newest usable bundles of a kind, always the serving one. */
  private void prune(String kind, List<Candidate> candidates) {
    LoadedModel cur = current(kind);
    int kept = 0;
    for (Candidate c : candidates) {
      Refusal r = refused.get(c.path());
      if (r != null && r.fingerprint().equals(c.fingerprint())) {
        continue; // refused bundles are left for the operator to inspect
      }
      boolean isServing = cur != null && c.path().equals(cur.path());
      if (isServing || kept < keepBundles) {
        kept++;
        continue;
      }
      try {
        deleteRecursively(c.path());
        log.info("Deleted old {} bundle {} (keeping {} per kind)", kind, c.path(), keepBundles);
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

  /**
   * Runs a batcher's close on the retire thread, never on the decoder thread that released the
   * model's last reference (closing a batcher from its own worker would wait for itself). After
   * {@link #close} a late release gets a thread of its own.
   */
  private void closeLater(Runnable closeBatcher) {
    try {
      retirer.execute(closeBatcher);
    } catch (RejectedExecutionException e) {
      Thread t = new Thread(closeBatcher, "tinyseq-model-retire-late");
      t.setDaemon(true);
      t.start();
    }
  }

  /** Sources waiting in the batchers of the serving models. */
  public int queueDepth() {
    int depth = 0;
    for (AtomicReference<LoadedModel> ref : serving.values()) {
      LoadedModel m = ref.get();
      if (m != null) {
        depth += m.batcher().queueDepth();
      }
    }
    return depth;
  }

  /** Stops serving; each model closes after the requests already on it are done. */
  @Override
  public synchronized void close() {
    closed = true;
    for (AtomicReference<LoadedModel> ref : serving.values()) {
      LoadedModel m = ref.getAndSet(null);
      if (m != null) {
        m.retire();
      }
    }
    retirer.shutdown();
    try {
      if (!retirer.awaitTermination(30, TimeUnit.SECONDS)) {
        log.warn("Decoders still busy 30 s after close; leaving them to finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
