package org.tinyseq.train.pool;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.BundleWriter;
import org.tinyseq.serve.bundle.FileLimits;
import org.tinyseq.serve.bundle.Manifest;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.memory.MemoryFile;
import org.tinyseq.serve.pool.PoolFile;

/**
 * Writes a new version of a chat bundle in format version 3: every file of the chat bundle copied
 * byte for byte (its old pool aside), the new reply pool, and a reverse model as the {@code
 * reverse/} part (its manifest and files copied byte for byte). The manifest's metrics gain {@code
 * pool} and {@code reverse}; the new bundle is read back and verified before it is reported. The
 * reverse model's example memory, if any, is left out (its manifest rewritten without it).
 */
public final class ChatBundleWriter {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private ChatBundleWriter() {}

  /** A bundle and where its files are read from. */
  public record Source(Bundle bundle, BundleSource files) {}

  /** What was written. */
  public record Written(Path bundle, String version) {}

  /**
   * @param chat the chat model (a bundle of any version; a version 3 bundle's reverse model is kept
   *     when {@code reverse} is null)
   * @param reverse the reverse model, or null
   * @param pool the pool file's bytes ({@link PoolFile#write}), or null for none
   * @param poolMetrics what {@code metrics.pool} records about it
   */
  public static Written write(
      Source chat,
      Source reverse,
      byte[] pool,
      Map<String, Object> poolMetrics,
      Path out,
      String command)
      throws IOException, BundleException {
    Manifest manifest = chat.bundle().manifest();
    if (manifest.kind() != ModelKind.CHAT) {
      throw new IllegalArgumentException(
          chat.bundle().version()
              + " is a "
              + manifest.kind().jsonName()
              + " model, not a chat model");
    }
    Source reverseModel = reverse;
    if (reverseModel == null && chat.bundle().reverse().isPresent()) {
      reverseModel =
          new Source(chat.bundle().reverse().get(), chat.files().subfolder(Manifest.REVERSE_PART));
    }
    if (reverseModel != null) {
      checkReverse(chat.bundle(), reverseModel.bundle());
    }
    Map<String, byte[]> files = listedFiles(chat);
    files.remove(Manifest.FILE_NAME);
    files.remove(PoolFile.FILE_NAME);
    Map<String, Object> metrics =
        manifest.metrics() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(manifest.metrics());
    metrics.remove("pool");
    metrics.remove("reverse");
    if (pool != null) {
      files.put(PoolFile.FILE_NAME, pool);
      Map<String, Object> p = new LinkedHashMap<>(poolMetrics);
      p.put("command", command);
      // A bundle with a pool answers every message through the ranked path (memory on) or the
      // decoder alone (memory off): its example memory would only take heap and load time.
      if (files.remove(MemoryFile.FILE_NAME) != null) {
        metrics.remove("memory");
        p.put("exampleMemory", "left out: the ranked chat path answers every message");
      }
      metrics.put("pool", p);
    }
    Map<String, Map<String, byte[]>> parts = new LinkedHashMap<>();
    if (reverseModel != null) {
      parts.put(Manifest.REVERSE_PART, withoutMemory(listedFiles(reverseModel), reverseModel));
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("version", reverseModel.bundle().version());
      Map<String, Object> rm = reverseModel.bundle().manifest().metrics();
      if (rm != null && rm.get("validationLoss") != null) {
        r.put("validationLoss", rm.get("validationLoss"));
      }
      metrics.put("reverse", r);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (int attempt = 0; ; attempt++) {
      String version = manifest.kind().jsonName() + "-" + STAMP.format(now.plusSeconds(attempt));
      Manifest next =
          manifest.toBuilder()
              .formatVersion(Manifest.CHAT_PARTS_FORMAT_VERSION)
              .version(version)
              .createdAt(now.plusSeconds(attempt).toString())
              .metrics(metrics)
              .build();
      try {
        Path written = BundleWriter.writeFiles(out, next, files, parts);
        BundleReader.read(BundleSource.directory(written)); // refuses what the bot would refuse
        return new Written(written, version);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 30) {
          throw e;
        }
      }
    }
  }

  /** The reader's rules for a reverse model, checked before anything is written. */
  private static void checkReverse(Bundle chat, Bundle reverse) {
    Manifest r = reverse.manifest();
    if (r.kind() != ModelKind.CHAT
        || r.training() == null
        || !Boolean.TRUE.equals(r.training().get("reverse"))) {
      throw new IllegalArgumentException(
          reverse.version()
              + " is not a reverse chat model (train --kind chat --reverse makes one)");
    }
    if (reverse.pool().isPresent() || reverse.reverse().isPresent()) {
      throw new IllegalArgumentException(
          reverse.version() + " carries a pool or reverse model of its own");
    }
    Object chatCorpus =
        chat.manifest().corpus() == null ? null : chat.manifest().corpus().get("sha256");
    Object reverseCorpus = r.corpus() == null ? null : r.corpus().get("sha256");
    if (chatCorpus != null && !chatCorpus.equals(reverseCorpus)) {
      throw new IllegalArgumentException(
          reverse.version()
              + " was trained on another corpus than "
              + chat.version()
              + " (corpus.sha256 differs)");
    }
  }

  /**
   * A reverse model's files without its example memory (train writes one into every bundle; a
   * reverse model only scores, and a reader refuses one with a memory): the memory file and {@code
   * metrics.memory} go, the manifest lists the other files' checksums as before.
   */
  private static Map<String, byte[]> withoutMemory(Map<String, byte[]> files, Source reverse)
      throws IOException {
    if (!files.containsKey(MemoryFile.FILE_NAME)) {
      return files;
    }
    Map<String, byte[]> out = new LinkedHashMap<>(files);
    out.remove(MemoryFile.FILE_NAME);
    Manifest m = reverse.bundle().manifest();
    Map<String, String> sums = new LinkedHashMap<>(m.files());
    sums.remove(MemoryFile.FILE_NAME);
    Map<String, Object> metrics =
        m.metrics() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m.metrics());
    metrics.remove("memory");
    Manifest stripped = m.toBuilder().files(sums).metrics(metrics).build();
    out.put(
        Manifest.FILE_NAME,
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(stripped));
    return out;
  }

  /** The manifest and every file it lists, as stored. */
  private static Map<String, byte[]> listedFiles(Source s) throws IOException, BundleException {
    Manifest m = s.bundle().manifest();
    FileLimits limits = FileLimits.of(m).with(PoolFile.FILE_NAME, PoolFile.MAX_FILE_BYTES);
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put(Manifest.FILE_NAME, s.files().read(Manifest.FILE_NAME, FileLimits.MANIFEST_MAX));
    for (String name : m.files().keySet()) {
      out.put(name, s.files().read(name, limits.maxBytes(name)));
    }
    return out;
  }
}
