package org.tinyseq.serve.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.bundle.TestBundles;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.text.TextNormalizer;

/**
 * Small random bundles in a models directory ({@code <root>/<kind>/<version>}), published
 * atomically like {@code BundleWriter} does, with a chosen creation time.
 */
public final class ModelDirs {
  public static final List<String> SOURCE = List.of("a", "b", "c", "d", "e", "f", "g", " ");
  public static final List<String> TARGET = List.of("你", "好", "我", "们", "是", "的", "。");
  public static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");

  private ModelDirs() {}

  /** A valid random LSTM bundle of {@code kind}, created {@code age} seconds after T0. */
  public static Path write(Path root, String kind, String version, int age, long seed)
      throws IOException {
    return write(root, kind, kind, version, age, seed, TestBundles.lstm(8, 4));
  }

  /** A valid random LSTM bundle with an example memory of {@code entries} at {@code threshold}. */
  public static Path writeWithMemory(
      Path root,
      String kind,
      String version,
      int age,
      long seed,
      List<MemoryEntry> entries,
      double threshold)
      throws IOException {
    Path staging = root.resolve(".staging-" + UUID.randomUUID());
    Path p = write(staging, kind, version, age, seed);
    TestBundles.withMemory(p, entries, null, threshold);
    Path dest = root.resolve(kind).resolve(version);
    Files.createDirectories(dest.getParent());
    Files.move(p, dest, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(staging);
    return dest;
  }

  /**
   * A random bundle in folder {@code folderKind} whose manifest says {@code manifestKind}, with the
   * given architecture.
   */
  public static Path write(
      Path root,
      String folderKind,
      String manifestKind,
      String version,
      int age,
      long seed,
      Architecture architecture)
      throws IOException {
    Path staging = root.resolve(".staging-" + UUID.randomUUID());
    Path written =
        RandomBundles.write(staging, manifestKind, version, architecture, SOURCE, TARGET, seed);
    Path manifest = written.resolve(Manifest.FILE_NAME);
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replace("\"2026-11-26T00:00:00Z\"", "\"" + T0.plusSeconds(age) + "\""));
    Path dest = root.resolve(folderKind).resolve(version);
    Files.createDirectories(dest.getParent());
    Files.move(written, dest, StandardCopyOption.ATOMIC_MOVE);
    Files.delete(staging);
    return dest;
  }

  /** A bundle whose decoder weights fail their checksum. */
  public static Path writeCorrupt(Path root, String kind, String version, int age, long seed)
      throws IOException {
    Path staging = root.resolve(".corrupt-" + UUID.randomUUID());
    Path p = write(staging, kind, version, age, seed);
    Path dec = p.resolve(Manifest.DECODER_FILE);
    byte[] bytes = Files.readAllBytes(dec);
    bytes[bytes.length - 5] ^= 0x10;
    Files.write(dec, bytes);
    Path dest = root.resolve(kind).resolve(version);
    Files.createDirectories(dest.getParent());
    Files.move(p, dest, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(staging);
    return dest;
  }

  /** A bundle with a recurrent cell the decoder does not know ({@code rnn}). */
  public static Path writeUnsupported(Path root, String kind, String version, int age, long seed)
      throws IOException {
    Path p = write(root, kind, version, age, seed);
    Path manifest = p.resolve(Manifest.FILE_NAME);
    Files.writeString(
        manifest, Files.readString(manifest).replace("\"cell\" : \"lstm\"", "\"cell\" : \"rnn\""));
    return p;
  }

  /**
   * What the bundle at {@code path} itself answers for {@code input}: its memory's answer when it
   * has one at or above its threshold, else its decoding. The expected answer.
   */
  public static String decode(Path path, String input, int maxSteps) throws BundleException {
    Bundle bundle = BundleReader.read(BundleSource.directory(path));
    if (bundle.hasMemory() && bundle.memory().answer(TextNormalizer.normalize(input)) != null) {
      return bundle.memory().answer(TextNormalizer.normalize(input)).target();
    }
    GreedyDecoder d = GreedyDecoder.of(bundle);
    return d.decode(d.sourceIds(TextNormalizer.normalize(input)), maxSteps).text();
  }

  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
