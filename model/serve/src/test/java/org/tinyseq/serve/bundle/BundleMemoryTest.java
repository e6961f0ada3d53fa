package org.tinyseq.serve.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.memory.MemoryFile;

/** A bundle's example memory: optional, read with its threshold, refused when anything is off. */
class BundleMemoryTest {
  private static final List<String> SRC = List.of("a", "b", "c", " ");
  private static final List<String> TGT = List.of("x", "y");
  private static final List<MemoryEntry> ENTRIES =
      List.of(new MemoryEntry("ab", "xy"), new MemoryEntry("cab", "yx"));

  @TempDir Path dir;

  private Path bundle() throws Exception {
    return RandomBundles.write(dir, "chat", "chat-1", TestBundles.lstm(8, 4), SRC, TGT, 1);
  }

  @Test
  void aBundleWithoutMemoryStillLoads() throws Exception {
    Bundle b = BundleReader.read(BundleSource.directory(bundle()));
    assertFalse(b.hasMemory());
  }

  @Test
  void readsTheMemoryWithItsThreshold() throws Exception {
    Path p = bundle();
    TestBundles.withMemory(p, ENTRIES, null, 0.75);
    Bundle b = BundleReader.read(BundleSource.directory(p));
    assertTrue(b.hasMemory());
    assertEquals(2, b.memory().size());
    assertEquals(0.75, b.memory().threshold());
    assertEquals("xy", b.memory().answer("AB").target());
  }

  @Test
  void refusesAHostileMemoryFileEvenWithAMatchingChecksum() throws Exception {
    Path p = bundle();
    byte[] notGzip = "tinyseq-memory\t1\t1\nab\txy\n".getBytes(StandardCharsets.UTF_8);
    TestBundles.withMemory(p, ENTRIES, notGzip, 0.5);
    BundleException e =
        assertThrows(BundleException.class, () -> BundleReader.read(BundleSource.directory(p)));
    assertTrue(e.getMessage().contains("invalid " + MemoryFile.FILE_NAME), e.getMessage());
  }

  @Test
  void refusesAMemoryFileThatFailsItsChecksum() throws Exception {
    Path p = bundle();
    TestBundles.withMemory(p, ENTRIES, null, 0.5);
    byte[] bytes = Files.readAllBytes(p.resolve(MemoryFile.FILE_NAME));
    bytes[bytes.length / 2] ^= 1;
    Files.write(p.resolve(MemoryFile.FILE_NAME), bytes);
    BundleException e =
        assertThrows(BundleException.class, () -> BundleReader.read(BundleSource.directory(p)));
    assertTrue(e.getMessage().contains("checksum mismatch for " + MemoryFile.FILE_NAME));
  }

  @Test
  void refusesAMemoryWithoutAValidThresholdAndAThresholdWithoutAMemory() throws Exception {
    for (Object threshold : new Object[] {null, "0.5", 1.5, -0.1}) {
      Path p = dir.resolve("t" + String.valueOf(threshold).hashCode());
      Path b = RandomBundles.write(p, "chat", "chat-1", TestBundles.lstm(8, 4), SRC, TGT, 1);
      TestBundles.withMemory(b, ENTRIES, null, threshold);
      BundleException e =
          assertThrows(BundleException.class, () -> BundleReader.read(BundleSource.directory(b)));
      assertTrue(e.getMessage().contains("threshold"), threshold + ": " + e.getMessage());
    }
    Path p = bundle();
    TestBundles.withMemory(p, ENTRIES, null, 0.5);
    Files.delete(p.resolve(MemoryFile.FILE_NAME));
    Path manifest = p.resolve(Manifest.FILE_NAME);
    Manifest m = BundleReader.JSON.readValue(manifest.toFile(), Manifest.class);
    var files = new java.util.LinkedHashMap<>(m.files());
    files.remove(MemoryFile.FILE_NAME);
    BundleReader.JSON.writeValue(manifest.toFile(), m.withFiles(files));
    BundleException e =
        assertThrows(BundleException.class, () -> BundleReader.read(BundleSource.directory(p)));
    assertTrue(e.getMessage().contains("no " + MemoryFile.FILE_NAME), e.getMessage());
  }
}
