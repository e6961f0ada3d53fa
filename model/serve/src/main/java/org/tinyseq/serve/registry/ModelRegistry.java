package org.tinyseq.serve.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.pool.PoolIndexes;

/**
 * The model serving each kind, and the scan that chooses it.
 *
 * <p>A scan looks at {@code <modelsDir>/<kind>/}, newest bundle first ({@link
 * Candidate#NEWEST_FIRST}, listed by {@link ModelsDirectory}). It stops at the bundle already
 * serving; otherwise it loads the first one that is not refused, fits the heap ({@link HeapRoom})
 * and passes {@link ModelLoader}, and swaps it in atomically. A bundle that fails is refused with
 * one WARN line, remembered by path and fingerprint, on disk too ({@link Refusals}: not retried
 * until it changes), and the scan goes on with the next older one, but never past the serving one:
 * a bad new bundle leaves the current model serving. When the serving bundle's directory disappears
 * (rollback by moving it out), the next newest valid one serves; when none is left, {@link
 * DefaultFallback} decides. Old bundles are deleted by {@link Retention}.
 *
 * <p>Requests {@link #acquire} the current model and release it when done; a swapped-out model is
 * closed once its last request has finished, on the {@link RetireThread}.
 */
public final class ModelRegistry implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

  private final List<String> kinds;
  private final ModelsDirectory directory;
  private final ModelLoader loader;
  private final RegistryEvents events;
  private final Map<String, AtomicReference<LoadedModel>> serving = new LinkedHashMap<>();
  private final Refusals refusals = new Refusals();
  private final RetireThread retirer = new RetireThread();
  private final DefaultFallback fallback;
  private final Retention retention;
  private final HeapRoom heap;
  private volatile boolean closed;

  /**
   * @param kinds the model kinds to serve
   * @param modelsDir the models directory, if any
   * @param defaults the embedded default bundle of a kind, or null to use none
   * @param keepBundles retention per kind in the models directory, 0 = keep all
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
    this(
        kinds,
        modelsDir,
        defaults,
        batcher,
        maxOutputSteps,
        keepBundles,
        events,
        new HeapRoom(HeapRoom.RUNTIME),
        poolIndexes);
  }

  ModelRegistry(
      List<String> kinds,
      Optional<Path> modelsDir,
      Function<String, BundleSource> defaults,
      BatcherConfig batcher,
      int maxOutputSteps,
      int keepBundles,
      RegistryEvents events,
      HeapRoom heap,
      PoolIndexes poolIndexes) {
    this.kinds = List.copyOf(kinds);
    this.directory = modelsDir.map(ModelsDirectory::new).orElse(null);
    this.loader = new ModelLoader(batcher, maxOutputSteps, retirer, events::onBatch, poolIndexes);
    this.events = events;
    this.fallback = new DefaultFallback(defaults, loader, events);
    this.retention = new Retention(keepBundles);
    this.heap = heap;
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
      loadDefaultsSideBySide(loaded);
      for (String kind : kinds) {
        scanKind(kind, loaded);
      }
      if (directory != null) {
        directory.forgetMissing();
        refusals.forgetMissing();
      }
    }
    List<String> report = new ArrayList<>(refusals.report());
    report.addAll(fallback.report());
    return new ScanReport(loaded, report, currentVersions());
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

  /**
   * Before the scan proper: when two or more kinds have no model yet and nothing in the models
   * directory (the first scan of a bot on its embedded defaults), their defaults load on threads of
   * their own, so a start on two cores does not read, check and warm up three bundles one after
   * another. Only when the heap has room for all of them at once ({@link HeapRoom}: defaults skip
   * the per-bundle check, so the sum is checked here); otherwise the scan loads them one by one as
   * before. What fails here is refused exactly as in the scan ({@link DefaultFallback}).
   */
  private void loadDefaultsSideBySide(List<String> loaded) {
    List<String> waiting = new ArrayList<>();
    for (String kind : kinds) {
      if (current(kind) == null && (directory == null || directory.candidates(kind).isEmpty())) {
        waiting.add(kind);
      }
    }
    if (waiting.size() < 2 || !fallback.fitSideBySide(waiting, heap)) {
      return;
    }
    Map<String, java.util.concurrent.CompletableFuture<LoadedModel>> loads = new LinkedHashMap<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            Math.min(waiting.size(), Runtime.getRuntime().availableProcessors()),
            r -> {
              Thread t = new Thread(r, "default-model-load");
              t.setDaemon(true);
              return t;
            });
    try {
      for (String kind : waiting) {
        loads.put(
            kind,
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> fallback.replacement(kind, null), pool));
      }
      loads.forEach(
          (kind, load) -> {
            LoadedModel next = load.join(); // replacement() refuses and logs its own failures
            if (next != null) {
              swap(kind, next);
              loaded.add(next.version());
            }
          });
    } finally {
      pool.shutdown();
    }
  }

  private void scanKind(String kind, List<String> loaded) {
    List<Candidate> candidates = directory == null ? List.of() : directory.candidates(kind);
    if (!walk(kind, candidates, loaded)) {
      LoadedModel next = fallback.replacement(kind, current(kind));
      if (next != null) {
        swap(kind, next);
        loaded.add(next.version());
      }
    }
    if (directory != null) {
      LoadedModel cur = current(kind);
      retention.prune(kind, candidates, cur == null ? null : cur.path(), refusals);
      refusals.deleteOrphans(directory.root().resolve(kind));
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
      if (!refusals.refuses(c) && tryLoad(kind, c)) {
        loaded.add(current(kind).version());
        return true;
      }
      if (isCurrentPath) {
        return true; // the serving bundle changed on disk into something invalid: keep the model
      }
    }
    return false;
  }

  /** Loads {@code c} and swaps it in; false (and a refusal) when it does not load. */
  private boolean tryLoad(String kind, Candidate c) {
    try {
      String tooLarge = heapRefusal(c);
      if (tooLarge != null) {
        refuse(c, tooLarge);
        return false;
      }
      refusals.loading(c);
      swap(kind, load(c));
      refusals.loaded(c);
      return true;
    } catch (BundleException e) {
      refuse(c, e.getMessage());
    } catch (RuntimeException | Error e) {
      // A hostile or unlucky bundle (e.g. one that exhausts the heap after all) is one refusal,
      // logged once with its stack trace; the scan goes on with the other bundles and kinds.
      log.warn("Unexpected failure while loading bundle {}", c.path(), e);
      refuse(c, "unexpected failure while loading: " + e);
    }
    return false;
  }

  /** Why {@code c} cannot fit the heap, or null; null too when it cannot be estimated. */
  private String heapRefusal(Candidate c) {
    HeapEstimate estimate;
    try {
      estimate = HeapEstimate.of(BundleSource.directory(c.path()));
    } catch (BundleException e) {
      return null; // unreadable: loading refuses it with the exact reason
    }
    return heap.refusal(estimate);
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

  private void swap(String kind, LoadedModel next) {
    LoadedModel old = serving.get(kind).getAndSet(next);
    fallback.served(kind);
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
    String reason = Locations.without(message, c.path().toString());
    refusals.refuse(c, reason);
    log.warn("Refused model bundle {}: {}", c.path(), reason);
    events.onLoadFailure(c.path().toString(), reason);
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
    retirer.close();
  }
}
