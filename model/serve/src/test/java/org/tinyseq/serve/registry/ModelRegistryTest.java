package org.tinyseq.serve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.TestBundles;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.pool.PoolIndexes;

class ModelRegistryTest {
  @TempDir Path root;
  @TempDir Path elsewhere;

  private final List<String> swaps = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private ModelRegistry registry;

  private ModelRegistry registry(Function<String, BundleSource> defaults, int keep) {
    registry =
        new ModelRegistry(
            List.of("translate", "chat"),
            Optional.of(root),
            defaults,
            new BatcherConfig(4, Duration.ZERO, 16, 1),
            20,
            keep,
            new RegistryEvents() {
              @Override
              public void onSwap(String kind, String version) {
                swaps.add(kind + ":" + version);
              }

              @Override
              public void onLoadFailure(String path, String reason) {
                failures.add(path + ": " + reason);
              }
            },
            PoolIndexes.of(Optional.empty(), Optional.of(root)));
    return registry;
  }

  @AfterEach
  void close() {
    if (registry != null) {
      registry.close();
    }
  }

  private String serving(String kind) {
    LoadedModel m = registry.current(kind);
    return m == null ? null : m.version();
  }

  @Test
  void newestByCreatedAtThenNameServes() throws Exception {
    ModelDirs.write(root, "translate", "zzz", 10, 1);
    ModelDirs.write(root, "translate", "aaa", 20, 2);
    registry(null, 0).scan();
    assertEquals("aaa", serving("translate"), "createdAt decides before the name");
    ModelDirs.write(root, "translate", "bbb", 20, 3);
    ScanReport report = registry.scan();
    assertEquals("bbb", serving("translate"), "same createdAt: the greater name");
    assertEquals(List.of("bbb"), report.loaded());
    assertNull(serving("chat"));
    assertEquals(List.of("translate:aaa", "translate:bbb"), swaps);
  }

  @Test
  void hiddenDirectoriesAreWritesInProgress() throws Exception {
    ModelDirs.write(root, "chat", "c1", 1, 1);
    Path newer = ModelDirs.write(root, "chat", "c2", 2, 2);
    Files.move(newer, newer.resolveSibling(".c2.tmp-123"));
    registry(null, 0).scan();
    assertEquals("c1", serving("chat"));
  }

  @Test
  void badBundlesAreRefusedOnceAndTheCurrentModelKeepsServing() throws Exception {
    ModelDirs.write(root, "translate", "good", 1, 1);
    registry(null, 0).scan();
    ModelDirs.writeCorrupt(root, "translate", "corrupt", 2, 2);
    ModelDirs.write(root, "translate", "chat", "chat-model", 4, 4, TestBundles.lstm(8, 4));
    ModelDirs.writeUnsupported(root, "translate", "unsupported", 5, 5);
    ScanReport report = registry.scan();
    assertEquals("good", serving("translate"));
    assertEquals(List.of(), report.loaded());
    assertEquals(3, failures.size(), String.join("\n", failures));
    String all = String.join("\n", report.refused());
    assertTrue(all.contains("corrupt: checksum mismatch for decoder.safetensors"), all);
    assertTrue(
        all.contains("chat-model: manifest kind 'chat' does not match folder 'translate'"), all);
    assertTrue(all.contains("unsupported: unsupported cell 'rnn'"), all);
    registry.scan();
    assertEquals(3, failures.size(), "a refused bundle is not retried until it changes");
    assertEquals(List.of("translate:good"), swaps);
  }

  @Test
  void movingTheServingBundleOutRollsBackAndMovingItInRollsForward() throws Exception {
    ModelDirs.write(root, "translate", "v1", 1, 1);
    Path v2 = ModelDirs.write(root, "translate", "v2", 2, 2);
    registry(null, 0).scan();
    assertEquals("v2", serving("translate"));
    Path away = elsewhere.resolve("v2");
    Files.move(v2, away);
    registry.scan();
    assertEquals("v1", serving("translate"));
    Files.move(away, v2);
    registry.scan();
    assertEquals("v2", serving("translate"));
  }

  @Test
  void theDefaultServesWhenTheDirectoryHasNoValidBundle() throws Exception {
    Path defaultBundle = ModelDirs.write(elsewhere, "translate", "default-t", 0, 9);
    registry(kind -> BundleSource.directory(defaultBundle), 0).scan();
    assertEquals("default-t", serving("translate"));
    assertEquals(1, failures.size(), "chat's default is the translate bundle: refused once");
    Path v1 = ModelDirs.write(root, "translate", "v1", 1, 1);
    registry.scan();
    assertEquals("v1", serving("translate"));
    ModelDirs.deleteTree(v1);
    registry.scan();
    assertEquals("default-t", serving("translate"));
    assertEquals(1, failures.size());
  }

  @Test
  void withoutDefaultsTheLastModelKeepsServingFromMemory() throws Exception {
    Path v1 = ModelDirs.write(root, "chat", "v1", 1, 1);
    registry(null, 0).scan();
    ModelDirs.deleteTree(v1);
    registry.scan();
    assertEquals("v1", serving("chat"));
  }

  @Test
  void retentionDeletesTheOldestButNeverTheServingOrRefusedOnes() throws Exception {
    for (int i = 1; i <= 4; i++) {
      ModelDirs.write(root, "translate", "v" + i, i, i);
    }
    ModelDirs.writeCorrupt(root, "translate", "v5", 5, 5);
    registry(null, 2).scan();
    assertEquals("v4", serving("translate"));
    try (var s = Files.list(root.resolve("translate"))) {
      assertEquals(
          List.of("v3", "v4", "v5", "v5.refused"),
          s.map(p -> p.getFileName().toString()).sorted().toList(),
          "the refused bundle stays, with the record of its refusal");
    }
  }

  @Test
  void aSwappedOutModelClosesOnlyAfterItsLastRequest() throws Exception {
    ModelDirs.write(root, "translate", "v1", 1, 1);
    registry(null, 0).scan();
    LoadedModel old = registry.acquire("translate");
    ModelDirs.write(root, "translate", "v2", 2, 2);
    registry.scan();
    assertEquals("v2", serving("translate"));
    var ids = old.decoder().sourceIds("abc");
    assertFalse(old.batcher().submit(ids, 5).isCompletedExceptionally(), "still open while in use");
    old.batcher().submit(ids, 5).join();
    old.release();
    registry.close(); // waits for the retire thread, which closes v1's batcher
    assertTrue(old.batcher().submit(ids, 5).isCompletedExceptionally(), "closed after drain");
    assertFalse(old.tryAcquire());
  }
}
