package org.tinyseq.serve.bundle;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.tinyseq.serve.text.Vocabulary;

/**
 * Writes a bundle atomically: every file goes to a hidden temporary directory beside the target,
 * the manifest (with the checksums) last, then one rename publishes it. A reader polling the parent
 * directory never sees half a bundle: hidden names (starting with '.') are ignored by the registry.
 */
public final class BundleWriter {
  private BundleWriter() {}

  /**
   * Writes {@code parent/<manifest.version>} and returns its path.
   *
   * @param extras further files to include and checksum (e.g. the loss curve), by file name
   */
  public static Path write(
      Path parent,
      Manifest manifest,
      Vocabulary source,
      Vocabulary target,
      List<Tensor> encoder,
      List<Tensor> decoder,
      Map<String, byte[]> extras)
      throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, String> meta =
        Map.of("version", manifest.version(), "kind", manifest.kind().jsonName());
    files.put(Manifest.ENCODER_FILE, SafeTensors.write(encoder, meta));
    files.put(Manifest.DECODER_FILE, SafeTensors.write(decoder, meta));
    files.put(
        Manifest.VOCAB_FILE,
        BundleReader.JSON
            .writerWithDefaultPrettyPrinter()
            .writeValueAsBytes(new BundleReader.VocabFile(source.tokens(), target.tokens())));
    if (extras != null) {
      files.putAll(extras);
    }
    return writeFiles(parent, manifest, files);
  }

  /**
   * Writes {@code parent/<manifest.version>} from ready file contents (e.g. the files of another
   * bundle plus a new one): the manifest gets their checksums. Returns the bundle's path.
   */
  public static Path writeFiles(Path parent, Manifest manifest, Map<String, byte[]> files)
      throws IOException {
    return writeFiles(parent, manifest, files, Map.of());
  }

  /**
   * As {@link #writeFiles(Path, Manifest, Map)}, plus whole bundles in sub-folders (format version
   * 3: the chat bundle's {@code reverse/}): by folder name, each part's files as they are, its
   * {@code manifest.json} among them. The manifest gets their manifests' checksums as {@code
   * parts}.
   */
  public static Path writeFiles(
      Path parent,
      Manifest manifest,
      Map<String, byte[]> files,
      Map<String, Map<String, byte[]>> parts)
      throws IOException {
    Map<String, String> partSums = new LinkedHashMap<>();
    for (var part : parts.entrySet()) {
      byte[] partManifest = part.getValue().get(Manifest.FILE_NAME);
      if (partManifest == null) {
        throw new IllegalArgumentException("part " + part.getKey() + " has no manifest");
      }
      partSums.put(part.getKey(), Checksums.sha256(partManifest));
    }
    Files.createDirectories(parent);
    Path dest = parent.resolve(manifest.version());
    if (Files.exists(dest)) {
      throw new FileAlreadyExistsException(dest.toString(), null, "bundle version already exists");
    }
    Path tmp = parent.resolve("." + manifest.version() + ".tmp-" + UUID.randomUUID());
    Files.createDirectory(tmp);
    try {
      Map<String, String> sums = new LinkedHashMap<>();
      for (var f : files.entrySet()) {
        Files.write(tmp.resolve(f.getKey()), f.getValue());
        sums.put(f.getKey(), Checksums.sha256(f.getValue()));
      }
      for (var part : parts.entrySet()) {
        Path folder = Files.createDirectory(tmp.resolve(plain(part.getKey())));
        for (var f : part.getValue().entrySet()) {
          Files.write(folder.resolve(plain(f.getKey())), f.getValue());
        }
      }
      Manifest complete = manifest.toBuilder().files(sums).parts(partSums).build();
      Files.write(
          tmp.resolve(Manifest.FILE_NAME),
          BundleReader.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(complete));
      try {
        Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dest);
      }
      return dest;
    } finally {
      if (Files.exists(tmp)) {
        try (var walk = Files.walk(tmp)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private static String plain(String name) {
    if (!FileLimits.isPlainName(name)) {
      throw new IllegalArgumentException("not a plain file name: " + FileLimits.printable(name));
    }
    return name;
  }
}
