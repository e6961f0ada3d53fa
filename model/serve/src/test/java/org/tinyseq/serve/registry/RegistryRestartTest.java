package org.tinyseq.serve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.pool.PoolIndexes;

/**
 * What the registry decides across restarts: refusals recorded next to the bundle (and a load the
 * process did not survive), bundles dated in the future, and bundles too large for the heap.
 */
class RegistryRestartTest {
  @TempDir Path root;
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private ModelRegistry registry;

  /** A new registry over the same folder, as after a restart. */
  private ModelRegistry restart(HeapRoom heap) {
    if (registry != null) {
      registry.close();
    }
    registry =
        new ModelRegistry(
            List.of("translate", "chat"),
            Optional.of(root),
            null,
            new BatcherConfig(4, Duration.ZERO, 16, 1),
            20,
            0,
            new RegistryEvents() {
              @Override
              public void onLoadFailure(String path, String reason) {
                failures.add(Path.of(path).getFileName() + ": " + reason);
              }
            },
            heap,
            PoolIndexes.of(Optional.empty(), Optional.of(root)));
    return registry;
  }

  private ModelRegistry restart() {
    return restart(new HeapRoom(HeapRoom.RUNTIME));
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
  void aRefusalSurvivesARestartUntilItsFileIsDeleted() throws Exception {
    ModelDirs.write(root, "translate", "v1", 1, 1);
    Path bad = ModelDirs.writeCorrupt(root, "translate", "v2", 2, 2);
    restart().scan();
    assertEquals("v1", serving("translate"));
    assertEquals(1, failures.size(), String.join("\n", failures));
    Path marker = Refusals.marker(bad);
    assertTrue(Files.readString(marker).contains("checksum mismatch"), Files.readString(marker));

    ScanReport report = restart().scan();
    assertEquals("v1", serving("translate"));
    assertEquals(1, failures.size(), "not tried again after the restart");
    assertTrue(
        String.join("\n", report.refused()).contains("v2: checksum mismatch"),
        String.join("\n", report.refused()));

    Files.delete(marker);
    restart().scan();
    assertEquals(2, failures.size(), "deleting the file has it tried again");
  }

  @Test
  void aBundleAnotherProcessIsLoadingIsNotRefused() throws Exception {
    ModelDirs.write(root, "translate", "v1", 1, 1);
    Path v2 = ModelDirs.write(root, "translate", "v2", 2, 2);
    // another replica on the same models folder, in the middle of loading v2 (holds the lock)
    Refusals loading = new Refusals();
    loading.loading(new Candidate(v2, "translate", Fingerprint.of(v2), null, "translate"));
    try {
      ScanReport report = restart().scan();
      assertEquals("v2", serving("translate"), "loaded here too: " + report.refused());
    } finally {
      loading.endLoad(v2);
    }
  }

  @Test
  void aBundleTheProcessDiedLoadingIsRefusedAtTheNextStart() throws Exception {
    ModelDirs.write(root, "translate", "v1", 1, 1);
    Path v2 = ModelDirs.write(root, "translate", "v2", 2, 2);
    // what the registry writes just before loading, left behind by a process that died (which
    // releases its lock on the file)
    Candidate c = new Candidate(v2, "translate", Fingerprint.of(v2), null, "translate");
    Refusals died = new Refusals();
    died.loading(c);
    died.endLoad(v2);
    ScanReport report = restart().scan();
    assertEquals("v1", serving("translate"));
    assertTrue(
        String.join("\n", report.refused()).contains("v2: " + Refusals.STOPPED_WHILE_LOADING),
        String.join("\n", report.refused()));
    Files.delete(Refusals.marker(v2));
    restart().scan();
    assertEquals("v2", serving("translate"));
    assertFalse(Files.exists(Refusals.marker(v2)), "a load that succeeds leaves no record");
  }

  @Test
  void aChangedBundleIsTriedAgainAndARecordWithoutItsBundleIsDeleted() throws Exception {
    ModelDirs.write(root, "translate", "v1", 1, 1);
    Path v2 = ModelDirs.writeCorrupt(root, "translate", "v2", 2, 2);
    restart().scan();
    ModelDirs.deleteTree(v2);
    ModelDirs.write(root, "translate", "v2", 2, 2);
    restart().scan();
    assertEquals("v2", serving("translate"), "its fingerprint changed: tried, and it loads");
    Path gone = ModelDirs.writeCorrupt(root, "translate", "v3", 3, 3);
    registry.scan();
    assertTrue(Files.exists(Refusals.marker(gone)));
    ModelDirs.deleteTree(gone);
    registry.scan();
    assertFalse(Files.exists(Refusals.marker(gone)), "the record left with its bundle");
  }

  @Test
  void aBundleDatedInTheFutureDoesNotHideALaterPublish() throws Exception {
    Instant t0 = ModelDirs.T0;
    Path future = ModelDirs.write(root, "translate", "a-future", 50 * 365 * 24 * 3600, 1);
    touch(future, t0.plusSeconds(1_000)); // written at T0 + 1000 s, dated 50 years later
    Path later = ModelDirs.write(root, "translate", "b-later", 2_000, 2);
    touch(later, t0.plusSeconds(3_000)); // dated T0 + 2000 s, written at T0 + 3000 s
    restart().scan();
    assertEquals("b-later", serving("translate"));
    restart().scan();
    assertEquals("b-later", serving("translate"), "the same after a restart");
    ModelDirs.deleteTree(later);
    registry.scan();
    assertEquals("a-future", serving("translate"), "still a usable bundle");
  }

  @Test
  void aBundleTooLargeForTheHeapIsRefusedBeforeItIsRead() throws Exception {
    Path v1 = ModelDirs.write(root, "translate", "v1", 1, 1);
    List<MemoryEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      entries.add(new MemoryEntry(String.format("key number %06d", i), "答案"));
    }
    Path big = ModelDirs.writeWithMemory(root, "translate", "v2", 2, 2, entries, 0.5);
    HeapEstimate estimate = HeapEstimate.of(org.tinyseq.serve.bundle.BundleSource.directory(big));
    HeapEstimate small = HeapEstimate.of(org.tinyseq.serve.bundle.BundleSource.directory(v1));
    assertEquals(20_000, estimate.memoryEntries());
    // a heap of 64 MB with room (after its 8 MB reserve) for v1 but not for v2, even collected
    long max = 64L << 20;
    long used = max - (8L << 20) - (small.total() + estimate.total()) / 2;
    int[] collections = new int[1];
    HeapRoom room = new HeapRoom(HeapEstimateTest.gauge(max, used, collections));
    restart(room).scan();
    assertEquals("v1", serving("translate"));
    assertEquals(1, collections[0], "collected once before refusing v2; v1 fitted at once");
    String failure = failures.get(failures.size() - 1);
    assertTrue(
        failure.startsWith("v2: needs about " + estimate.describe() + " of heap to load"), failure);
    assertTrue(
        failure.endsWith(
            "are free of the 64 MB maximum heap (-Xmx) after a reserve of 8 MB for serving"),
        failure);
    assertTrue(Files.readString(Refusals.marker(big)).contains("needs about"));
  }

  private static void touch(Path bundle, Instant when) throws Exception {
    try (Stream<Path> files = Files.list(bundle)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.setLastModifiedTime(p, FileTime.from(when));
      }
    }
    Files.setLastModifiedTime(bundle, FileTime.from(when));
  }
}
