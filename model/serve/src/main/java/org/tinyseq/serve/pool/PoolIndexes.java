package org.tinyseq.serve.pool;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the indexes of reply pools live, and how one is found or built. The embedded default
 * bundles are inside the jar, so an index cannot ship with them; it is built when a pool is first
 * loaded, into {@code <root>/pool-<first 32 hex digits of the pool's sha256>-v<layout>}, and reused
 * by every later start with the same pool. It is built in a hidden temporary folder beside it and
 * renamed atomically when complete, so a folder with the final name is always a whole index (two
 * processes building at once: the second rename fails and that process uses the first's folder).
 * The index is opened with {@link MMapDirectory}: its postings and stored replies stay in the page
 * cache, not in the heap.
 *
 * <p>When the root cannot be written, the next candidate is tried ({@code java.io.tmpdir}); when
 * none can, the index is built in the heap ({@link ByteBuffersDirectory}, tens of MB for the full
 * chat pool) with one WARN line saying so, and serving goes on.
 */
public final class PoolIndexes {
  private static final Logger log = LoggerFactory.getLogger(PoolIndexes.class);

  /**
   * Lucene says through java.util.logging, once per process, that its vector kernels need Java 20
   * or later when a Java 17 process runs with {@code --add-modules jdk.incubator.vector} (as the
   * container runs the bot, for the decoder's kernels): a warning with nothing to act on. Held here
   * because java.util.logging keeps its loggers only weakly.
   */
  private static final java.util.logging.Logger LUCENE_VECTORIZATION =
      quiet("org.apache.lucene.internal.vectorization");

  /** Bumped when the index's fields or analysis change: old folders are then not reused. */
  static final int LAYOUT = 2; // 2: the commit records the pool's sha256 and pairs

  /** The folder under {@code java.io.tmpdir} used without a configured or models folder. */
  static final String TMP_FOLDER = "tinyseq-pool-index";

  /** The folder under the models folder used by default. */
  public static final String MODELS_SUBFOLDER = ".pool-index";

  private final List<Path> roots;

  PoolIndexes(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /** Indexes under {@code root} (then {@code java.io.tmpdir} if it cannot be written). */
  public static PoolIndexes under(Path root) {
    List<Path> roots = new ArrayList<>();
    roots.add(root);
    Path tmp = tmpRoot();
    if (!tmp.equals(root)) {
      roots.add(tmp);
    }
    return new PoolIndexes(roots);
  }

  /**
   * The configured folder ({@code POOL_INDEX_DIR}) if any, else {@code <modelsDir>/.pool-index},
   * else {@code <java.io.tmpdir>/tinyseq-pool-index}.
   */
  public static PoolIndexes of(Optional<Path> configured, Optional<Path> modelsDir) {
    return under(
        configured.orElseGet(
            () -> modelsDir.map(d -> d.resolve(MODELS_SUBFOLDER)).orElseGet(PoolIndexes::tmpRoot)));
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  /** The folders tried, in order. */
  public List<Path> roots() {
    return roots;
  }

  private static Path tmpRoot() {
    return Path.of(System.getProperty("java.io.tmpdir")).resolve(TMP_FOLDER);
  }

  /** The name of the index folder of {@code pool}. */
  static String folderName(ReplyPool pool) {
    return folderName(pool.sha256());
  }

  private static String folderName(String poolSha256) {
    return "pool-" + poolSha256.substring(0, 32) + "-v" + LAYOUT;
  }

  /**
   * Whether an index folder of the pool with this sha256 exists (then a bundle load need not decode
   * the pool: {@link ReplyPool#alreadyIndexed}); {@link #open} still checks that it opens and is of
   * this pool, and builds it from the checked file otherwise.
   */
  public boolean hasIndex(String poolSha256) {
    if (poolSha256 == null || poolSha256.length() < 32) {
      return false;
    }
    for (Path root : roots) {
      if (Files.isDirectory(root.resolve(folderName(poolSha256)), LinkOption.NOFOLLOW_LINKS)) {
        return true;
      }
    }
    return false;
  }

  /** A retriever over the index of {@code pool}: reused when complete, else built first. */
  public LuceneReplyRetriever open(ReplyPool pool) throws IOException, PoolFileException {
    List<String> problems = new ArrayList<>();
    for (Path root : roots) {
      try {
        return openUnder(root, pool);
      } catch (IOException e) {
        problems.add(root + " (" + e.getMessage() + ")");
      }
    }
    log.warn(
        "No writable folder for the reply pool's index ({}): building it in the heap",
        String.join("; ", problems));
    Directory heap = new ByteBuffersDirectory();
    PoolIndex.build(pool, heap, PoolIndex.words());
    return new LuceneReplyRetriever(heap, PoolIndex.words());
  }

  private static LuceneReplyRetriever openUnder(Path root, ReplyPool pool)
      throws IOException, PoolFileException {
    Path folder = root.resolve(folderName(pool));
    if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      LuceneReplyRetriever reused = tryOpen(folder, pool);
      if (reused != null) {
        log.info("Reply pool index reused: {} ({} pairs)", folder, reused.size());
        return reused;
      }
      log.warn("Reply pool index {} is unusable: rebuilding it", folder);
      deleteRecursively(folder);
    }
    Files.createDirectories(root);
    Path tmp = root.resolve(".tmp-" + folderName(pool) + "-" + UUID.randomUUID());
    long start = System.nanoTime();
    try {
      try (Directory dir = new MMapDirectory(Files.createDirectory(tmp))) {
        PoolIndex.build(pool, dir, PoolIndex.words());
      }
      try {
        Files.move(tmp, folder, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        log.info("Reply pool index {} was built meanwhile by another process", folder);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename a folder atomically in " + root, e);
      }
    } finally {
      deleteRecursively(tmp);
    }
    LuceneReplyRetriever built = tryOpen(folder, pool);
    if (built == null) {
      throw new IOException("the index just built in " + folder + " does not open");
    }
    log.info(
        "Reply pool index built: {} ({} pairs in {} ms)",
        folder,
        built.size(),
        (System.nanoTime() - start) / 1_000_000);
    return built;
  }

  /**
   * The retriever over a complete index of {@code pool}, else null: its commit must name the pool's
   * sha256 and hold the pairs it says it holds (and the pool's own count, when the pool was
   * decoded).
   */
  private static LuceneReplyRetriever tryOpen(Path folder, ReplyPool pool) {
    try {
      LuceneReplyRetriever r =
          new LuceneReplyRetriever(new MMapDirectory(folder), PoolIndex.words());
      java.util.Map<String, String> data = r.commitData();
      boolean ofThisPool = pool.sha256().equals(data.get(PoolIndex.COMMIT_POOL_SHA256));
      boolean whole = Integer.toString(r.size()).equals(data.get(PoolIndex.COMMIT_PAIRS));
      if (ofThisPool && whole && (!pool.checkedWhole() || r.size() == pool.pairs())) {
        return r;
      }
      r.close();
    } catch (IOException | RuntimeException e) {
      log.debug("Cannot open reply pool index {}", folder, e);
    }
    return null;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
