package org.tinyseq.serve.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Chat bundles of format version 3 with random weights, for tests of the format, the registry and
 * the chat answer path: a forward model, optionally a reply pool ({@code pool.tsv.xz}) and a
 * reverse model ({@code reverse/}, trained "reply -> message" on the same corpus).
 */
public final class ChatBundles {
  /** The corpus checksum both directions are "trained" on. */
  public static final String CORPUS_SHA = "c0ffee";

  public static final List<String> SOURCE = RandomBundles.englishChars();
  public static final List<String> TARGET = RandomBundles.englishChars();

  private ChatBundles() {}

  /**
   * Writes {@code parent/version}: a random chat model with {@code pool} (null = none) and, when
   * {@code reverse}, a random reverse model.
   */
  public static Path write(Path parent, String version, byte[] pool, boolean reverse)
      throws IOException {
    Path staging = Files.createTempDirectory(parent, ".staging");
    Path forward =
        RandomBundles.write(
            staging,
            "chat",
            "forward",
            TestBundles.lstm(8, 4),
            SOURCE,
            TARGET,
            1,
            Map.of("name", "test", "sha256", CORPUS_SHA),
            Map.of("command", "test"));
    Map<String, Map<String, byte[]>> parts = new LinkedHashMap<>();
    if (reverse) {
      Path rev =
          RandomBundles.write(
              staging,
              "chat",
              "reverse",
              TestBundles.lstm(8, 4),
              SOURCE,
              TARGET,
              2,
              Map.of("name", "test", "sha256", CORPUS_SHA),
              Map.of("command", "test", "reverse", true));
      parts.put(Manifest.REVERSE_PART, files(rev));
    }
    Map<String, byte[]> files = files(forward);
    Manifest m = BundleReader.JSON.readValue(files.remove(Manifest.FILE_NAME), Manifest.class);
    if (pool != null) {
      files.put(Manifest.POOL_FILE, pool);
    }
    Path written =
        BundleWriter.writeFiles(
            parent,
            m.toBuilder()
                .version(version)
                .formatVersion(Manifest.CHAT_PARTS_FORMAT_VERSION)
                .build(),
            files,
            parts);
    deleteRecursively(staging);
    return written;
  }

  /** Every file of a bundle folder (not its sub-folders), by name. */
  public static Map<String, byte[]> files(Path bundle) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (Stream<Path> list = Files.list(bundle)) {
      for (Path p : list.sorted().toList()) {
        if (Files.isRegularFile(p)) {
          out.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
      }
    }
    return out;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
