package org.tinyseq.serve.pool;

import java.io.IOException;
import org.tinyseq.serve.bundle.Checksums;

/**
 * The verified reply pool of a bundle: its checksum and counts, and a way to read its pairs again
 * when an index has to be built. The bundle reader checks the whole file once ({@link
 * PoolFile#read}) and then lets the bytes go: a serving process holds the pool only in its on-disk
 * index ({@link PoolIndexes}), not in the heap. Reading the pairs again re-reads the file and
 * refuses it unless its checksum is still the verified one.
 *
 * <p>A pool whose index already exists (found by its sha256) is not decoded at load ({@link
 * #alreadyIndexed}): it was checked whole when that index was built, and its replies are served
 * from the index. Should the index turn out unusable, building it again checks the file whole.
 */
public final class ReplyPool {
  /** Reads the pool file's bytes again (from the bundle's source). */
  @FunctionalInterface
  public interface Reread {
    byte[] read() throws IOException;
  }

  private final String sha256;
  private final PoolFile.Summary summary;
  private final long fileBytes;
  private final Reread reread;

  private ReplyPool(String sha256, PoolFile.Summary summary, long fileBytes, Reread reread) {
    this.sha256 = sha256;
    this.summary = summary;
    this.fileBytes = fileBytes;
    this.reread = reread;
  }

  /**
   * Checks {@code file} completely ({@link PoolFile#read}).
   *
   * @param reread gives the same bytes again later (checked against their checksum then)
   */
  public static ReplyPool verify(byte[] file, Reread reread) throws PoolFileException {
    PoolFile.Summary summary = PoolFile.read(file, (message, reply) -> {});
    return new ReplyPool(Checksums.sha256(file), summary, file.length, reread);
  }

  /**
   * A pool with this checksum whose index already exists, not decoded now: its counts are unknown
   * ({@link #checkedWhole()} is false) until {@link #forEachPair} reads it whole.
   */
  public static ReplyPool alreadyIndexed(String sha256, long fileBytes, Reread reread) {
    return new ReplyPool(sha256, null, fileBytes, reread);
  }

  /** Whether the file was decoded and checked whole when the bundle was read. */
  public boolean checkedWhole() {
    return summary != null;
  }

  /** A pool whose bytes stay in the heap (tests, benchmarks). */
  public static ReplyPool inMemory(byte[] file) throws PoolFileException {
    byte[] copy = file.clone();
    return verify(copy, () -> copy);
  }

  /** Lower-case hex sha256 of {@code pool.tsv.xz}: the identity of its index. */
  public String sha256() {
    return sha256;
  }

  /** Dialogue lines of the file, -1 when not {@link #checkedWhole()}. */
  public int dialogues() {
    return summary == null ? -1 : summary.dialogues();
  }

  /** Message-reply pairs held, -1 when not {@link #checkedWhole()}. */
  public int pairs() {
    return summary == null ? -1 : summary.pairs();
  }

  /** Size of the compressed file. */
  public long fileBytes() {
    return fileBytes;
  }

  /** Calls {@code visitor} for every pair, in file order, from a fresh read of the file. */
  public void forEachPair(PoolFile.PairVisitor visitor) throws IOException, PoolFileException {
    byte[] bytes = reread.read();
    if (!Checksums.sha256(bytes).equals(sha256)) {
      throw new PoolFileException(
          PoolFile.FILE_NAME + " changed since the bundle was verified (checksum differs)");
    }
    PoolFile.read(bytes, visitor);
  }
}
