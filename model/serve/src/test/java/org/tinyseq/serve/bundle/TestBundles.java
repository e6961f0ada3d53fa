package org.tinyseq.serve.bundle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.memory.MemoryFile;
import org.tinyseq.serve.text.TokenUnit;

/** Small random-weight bundles for tests of the format, the decoder and the registry. */
public final class TestBundles {
  private TestBundles() {}

  /** A manifest of {@code kind} (its JSON name, e.g. {@code "translate"}). */
  public static Manifest manifest(String kind, String version, Architecture a, int vs, int vt) {
    return Manifest.builder()
        .kind(ModelKind.fromJson(kind).orElseThrow())
        .version(version)
        .createdAt("2026-11-26T00:00:00Z")
        .architecture(a)
        .vocabularySizes(vs, vt)
        .corpus(Map.of("name", "test"))
        .training(Map.of("command", "test"))
        .build();
  }

  /**
   * Adds (or replaces) an example memory in the bundle written at {@code dir}: the memory file, its
   * checksum and {@code metrics.memory.threshold} in the manifest. {@code fileBytes} null = the
   * file {@link MemoryFile#write} makes of {@code entries}.
   */
  public static void withMemory(
      Path dir, List<MemoryEntry> entries, byte[] fileBytes, Object threshold) throws IOException {
    byte[] bytes = fileBytes != null ? fileBytes : MemoryFile.write(entries);
    Path manifestFile = dir.resolve(Manifest.FILE_NAME);
    Manifest m = BundleReader.JSON.readValue(manifestFile.toFile(), Manifest.class);
    Map<String, String> files = new LinkedHashMap<>(m.files());
    files.put(MemoryFile.FILE_NAME, Checksums.sha256(bytes));
    Map<String, Object> metrics = new LinkedHashMap<>(m.metrics() == null ? Map.of() : m.metrics());
    Map<String, Object> memory = new LinkedHashMap<>();
    memory.put("threshold", threshold);
    metrics.put("memory", memory);
    Files.write(dir.resolve(MemoryFile.FILE_NAME), bytes);
    BundleReader.JSON.writeValue(manifestFile.toFile(), m.withFiles(files).withMetrics(metrics));
  }

  public static Architecture lstm(int latent, int emb) {
    return Architecture.builder()
        .cell(Cell.LSTM)
        .sourceTokens(TokenUnit.CHAR)
        .latentDim(latent)
        .embeddingDims(emb, emb)
        .maxLengths(20, 12)
        .build();
  }

  /** The attention design of format version 2 (the latent size must be even). */
  public static Architecture luong(int latent, int emb) {
    return Architecture.builder()
        .cell(Cell.LSTM)
        .sourceTokens(TokenUnit.CHAR)
        .latentDim(latent)
        .embeddingDims(emb, emb)
        .maxLengths(20, 12)
        .attention(Attention.LUONG)
        .build();
  }
}
