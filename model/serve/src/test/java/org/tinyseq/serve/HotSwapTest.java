package org.tinyseq.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.registry.ModelDirs;

/**
 * The hot-swap guarantee: while 8 threads send requests without pause, 24 bundle changes (new
 * versions, a rollback, a corrupt bundle, a bundle of the wrong kind, an unsupported one) cause no
 * failed request, every answer equals what the version named in the reply decodes by itself, and no
 * refused bundle ever answers. Half the versions carry an example memory, so memory answers swap
 * with their model too.
 */
class HotSwapTest {
  private static final int THREADS = 8;
  private static final int REQUESTS_BETWEEN_CHANGES = 100;

  @TempDir Path root;
  @TempDir Path aside;

  private final Map<String, Map<String, String>> expected = new ConcurrentHashMap<>();
  private final List<String> inputs = new ArrayList<>();

  private Path valid(String version, int age) throws Exception {
    // Every other version carries an example memory (exact and near matches of some inputs, with
    // answers naming the version): the memory must swap with its model.
    Path p =
        age % 2 == 0
            ? ModelDirs.writeWithMemory(
                root, "translate", version, age, 1000 + age, memory(version), 0.6)
            : ModelDirs.write(root, "translate", version, age, 1000 + age);
    Map<String, String> answers = new HashMap<>();
    for (String input : inputs) {
      answers.put(input, ModelDirs.decode(p, input, ServiceFixture.MAX_STEPS));
    }
    expected.put(version, answers);
    return p;
  }

  private List<MemoryEntry> memory(String version) {
    java.util.TreeMap<String, String> entries = new java.util.TreeMap<>();
    for (int i = 0; i < inputs.size(); i += 3) {
      entries.put(inputs.get(i) + (i % 2 == 0 ? "" : "x"), "memory of " + version + " #" + i);
    }
    return entries.entrySet().stream().map(e -> new MemoryEntry(e.getKey(), e.getValue())).toList();
  }

  @Test
  void swapsUnderLoadLoseNoRequestAndMixNoVersions() throws Exception {
    String letters = "abcdefg";
    for (int i = 0; i < 60; i++) {
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j <= i % 9; j++) {
        sb.append(letters.charAt((i * 7 + j * 3) % letters.length()));
      }
      inputs.add(sb + (i % 2 == 0 ? "" : " " + i % 5));
    }
    valid("t-00", 0);
    // A small cache, so both cached answers and fresh decodes happen all along.
    ServiceConfig config =
        ServiceFixture.builder(root)
            .cacheMaxEntries(40)
            .cacheExpiry(java.time.Duration.ofHours(1))
            .build();
    Set<String> refused = Set.of("t-corrupt", "t-chat", "t-rnn");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong answered = new AtomicLong();
    Semaphore progress = new Semaphore(0);
    List<String> problems = new CopyOnWriteArrayList<>();
    Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
    List<String> servedOrder = new ArrayList<>();
    try (DefaultModelService service = ServiceFixture.service(config)) {
      ExecutorService clients = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int seed = t;
        running.add(
            clients.submit(
                () -> {
                  int i = seed;
                  while (!stop.get()) {
                    String input = inputs.get(i++ % inputs.size());
                    Reply r = service.submit(Command.TRANSLATE, input).join();
                    String version = r.modelVersion();
                    versionsSeen.add(version);
                    if (!r.ok()) {
                      problems.add(input + " -> " + r.status() + " " + r.error());
                    } else if (!expected.containsKey(version)) {
                      problems.add(input + " answered by unknown version " + version);
                    } else if (!expected.get(version).get(input).equals(r.text())) {
                      problems.add(input + " -> '" + r.text() + "' is not " + version + "'s");
                    }
                    answered.incrementAndGet();
                    progress.release();
                  }
                }));
      }
      int swapsBefore = (int) service.stats().swaps();
      int age = 0;
      String current = "t-00";
      Path previous = null;
      for (int change = 1; change <= 24; change++) {
        assertTrue(
            progress.tryAcquire(REQUESTS_BETWEEN_CHANGES, 60, TimeUnit.SECONDS),
            "clients make progress");
        age++;
        switch (change) {
          case 5 -> ModelDirs.writeCorrupt(root, "translate", "t-corrupt", age, age);
          case 9 ->
              ModelDirs.write(
                  root,
                  "translate",
                  "chat",
                  "t-chat",
                  age,
                  age,
                  org.tinyseq.serve.bundle.TestBundles.lstm(8, 4));
          case 13 -> ModelDirs.writeUnsupported(root, "translate", "t-rnn", age, age);
          case 17 -> {
            // roll back: move the serving bundle out; the previous valid version serves again
            Files.move(root.resolve("translate").resolve(current), aside.resolve(current));
            current = previous.getFileName().toString();
          }
          default -> {
            String version = String.format("t-%02d", change);
            Path p = valid(version, age);
            previous = root.resolve("translate").resolve(current);
            current = version;
            assertTrue(Files.isDirectory(p));
          }
        }
        ReloadReport report = service.reload();
        assertEquals(current, report.current().get("translate"), report.toString());
        servedOrder.add(current);
      }
      assertTrue(progress.tryAcquire(REQUESTS_BETWEEN_CHANGES, 60, TimeUnit.SECONDS));
      stop.set(true);
      for (Future<?> f : running) {
        f.get(60, TimeUnit.SECONDS);
      }
      clients.shutdown();
      ServiceStats stats = service.stats();
      int swaps = (int) stats.swaps() - swapsBefore;
      assertTrue(swaps >= 20, "swaps: " + swaps);
      assertEquals(3, stats.failedLoads(), "corrupt, wrong kind and unsupported, each once");
      assertTrue(stats.cacheHits() > 0 && stats.cacheMisses() > 0, stats.toString());
      assertTrue(stats.answers(Command.TRANSLATE, AnswerSource.MEMORY) > 0, stats.toString());
      assertTrue(stats.answers(Command.TRANSLATE, AnswerSource.DECODER) > 0, stats.toString());
    }
    assertEquals(List.of(), problems.subList(0, Math.min(10, problems.size())));
    for (String bad : refused) {
      assertFalse(versionsSeen.contains(bad), bad + " answered");
    }
    assertTrue(versionsSeen.size() >= 15, "answers came from many versions: " + versionsSeen);
    assertTrue(answered.get() >= 25L * REQUESTS_BETWEEN_CHANGES);
  }
}
