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
      Manifest complete = manifest.withFiles(sums);
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
}
