package org.tinyseq.serve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.bundle.TestBundles;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.pool.PoolIndexes;

/**
 * The first scan of a bot on its embedded defaults loads them side by side when the heap allows.
 */
class DefaultsSideBySideTest {
  @TempDir Path root;

  /** The thread names each kind's default was read on (estimates and loads alike). */
  private final Map<String, Set<String>> readOn = new ConcurrentHashMap<>();

  private Map<String, Path> defaults() throws Exception {
    return Map.of(
        "translate",
        RandomBundles.write(
            root,
            "translate",
            "translate-d",
            TestBundles.lstm(8, 4),
            List.of("a"),
            List.of("b"),
            1),
        "chat",
        RandomBundles.write(
            root, "chat", "chat-d", TestBundles.lstm(8, 4), List.of("a"), List.of("b"), 2));
  }

  private ModelRegistry registry(Map<String, Path> defaults, long maxHeap) {
    return new ModelRegistry(
        List.of("translate", "chat"),
        Optional.empty(),
        kind -> {
          readOn
              .computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet())
              .add(Thread.currentThread().getName());
          return BundleSource.directory(defaults.get(kind));
        },
        new BatcherConfig(4, Duration.ZERO, 16, 1),
        20,
        0,
        RegistryEvents.NONE,
        new HeapRoom(HeapEstimateTest.gauge(maxHeap, 0, new int[1])),
        PoolIndexes.under(root.resolve("idx")));
  }

  @Test
  void withRoomForAllTheDefaultsLoadOnThreadsOfTheirOwn() throws Exception {
    try (ModelRegistry registry = registry(defaults(), 1L << 30)) {
      assertEquals(List.of("translate-d", "chat-d"), registry.scan().loaded());
      assertEquals("translate-d", registry.current("translate").version());
      assertEquals("chat-d", registry.current("chat").version());
      for (String kind : List.of("translate", "chat")) {
        assertTrue(readOn.get(kind).contains("default-model-load"), kind + ": " + readOn);
      }
      assertTrue(registry.scan().loaded().isEmpty(), "a later scan keeps the defaults");
    }
  }

  @Test
  void withoutRoomForAllAtOnceTheScanLoadsThemOneByOne() throws Exception {
    Map<String, Path> defaults = defaults();
    long sum = 0;
    for (Path p : defaults.values()) {
      sum += HeapEstimate.of(BundleSource.directory(p)).total();
    }
    // the sum of both does not fit beside the reserve; defaults are not checked one by one
    try (ModelRegistry registry = registry(defaults, HeapRoom.MIN_RESERVE + sum - 1)) {
      assertEquals(List.of("translate-d", "chat-d"), registry.scan().loaded());
      for (String kind : List.of("translate", "chat")) {
        assertFalse(readOn.get(kind).contains("default-model-load"), kind + ": " + readOn);
      }
    }
  }
}
