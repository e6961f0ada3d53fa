package org.tinyseq.train.chat;

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
import org.tinyseq.serve.chat.ChatRanking;

/**
 * Writes a new version of a chat bundle whose manifest records a chat ranking ({@code
 * metrics.chatRanking}: λ, k, N, penalty and how they were chosen) and the evaluation figures
 * ({@code metrics.chatEval}); every other file, and the reverse model's part of a format 3 bundle,
 * is copied byte for byte. The new bundle is read back and verified.
 */
public final class RankingBundles {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RankingBundles() {}

  public static Path write(
      Bundle bundle,
      BundleSource source,
      Path out,
      ChatRanking ranking,
      Map<String, Object> rankingNotes,
      Map<String, Object> evalFigures)
      throws IOException, BundleException {
    Manifest manifest = bundle.manifest();
    Map<String, Object> metrics =
        manifest.metrics() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(manifest.metrics());
    Map<String, Object> section = new LinkedHashMap<>(ranking.toMap());
    section.putAll(rankingNotes);
    metrics.put(ChatRanking.SECTION, section);
    metrics.put("chatEval", evalFigures);
    Map<String, byte[]> files = new LinkedHashMap<>();
    FileLimits limits = FileLimits.of(manifest);
    for (String name : manifest.files().keySet()) {
      files.put(name, source.read(name, limits.maxBytes(name)));
    }
    Map<String, Map<String, byte[]>> parts = new LinkedHashMap<>();
    if (bundle.reverse().isPresent()) {
      parts.put(
          Manifest.REVERSE_PART,
          listedFiles(bundle.reverse().get().manifest(), source.subfolder(Manifest.REVERSE_PART)));
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (int attempt = 0; ; attempt++) {
      String version = manifest.kind().jsonName() + "-" + STAMP.format(now.plusSeconds(attempt));
      try {
        Path written =
            BundleWriter.writeFiles(
                out, manifest.withVersion(version).withMetrics(metrics), files, parts);
        BundleReader.read(BundleSource.directory(written));
        return written;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 30) {
          throw e;
        }
      }
    }
  }

  /** A part's manifest and every file it lists, as stored. */
  private static Map<String, byte[]> listedFiles(Manifest m, BundleSource s)
      throws IOException, BundleException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put(Manifest.FILE_NAME, s.read(Manifest.FILE_NAME, FileLimits.MANIFEST_MAX));
    FileLimits limits = FileLimits.of(m);
    for (String name : m.files().keySet()) {
      out.put(name, s.read(name, limits.maxBytes(name)));
    }
    return out;
  }
}
