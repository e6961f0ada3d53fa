package org.tinyseq.serve.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelService;
import org.tinyseq.serve.Reply;
import org.tinyseq.serve.ServiceConfig;
import org.tinyseq.serve.registry.ModelDirs;

/**
 * The result cache's hit path on one thread, through the public API: {@code cached()} (what the
 * bot calls first, to answer inside Discord's 3 s) and {@code submit()} of an input whose answer is
 * cached. Each call validates and normalises the raw text, builds the key and reads the cache,
 * exactly as in serving. Run: see docs/serving-service.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
public class CacheHitBenchmark {
  /** Typical short chat/translate inputs (the random test model reads at most 20 characters). */
  private static final String[] INPUTS = {
    "abc de", "Hello!", "good day", "bad cafe", "a deed", "face bag", "ceded", "dab", "be cage",
    "Fade away", "edge", "Bead", "cab", "decade", "ace", "gab be",
  };

  private Path dir;
  private ModelService service;
  private int next;

  @Setup(Level.Trial)
  public void start() throws Exception {
    dir = Files.createTempDirectory("cache-bench");
    ModelDirs.write(dir, "translate", "bench-v1", 1, 42);
    service =
        ModelService.create(
            ServiceConfig.builder()
                .modelsDir(dir)
                .useDefaults(false)
                .watch(false)
                .watchInterval(Duration.ofSeconds(5))
                .build());
    for (String input : INPUTS) {
      Reply r = service.submit(Command.TRANSLATE, input).join();
      if (!r.ok() || service.cached(Command.TRANSLATE, input).isEmpty()) {
        throw new IllegalStateException(input + " is not cached: " + r);
      }
    }
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    service.close();
    ModelDirs.deleteTree(dir);
  }

  private String nextInput() {
    next = (next + 1) & (INPUTS.length - 1);
    return INPUTS[next];
  }

  @Benchmark
  public Optional<Reply> cachedHit() {
    return service.cached(Command.TRANSLATE, nextInput());
  }

  @Benchmark
  public Reply submitHit() {
    return service.submit(Command.TRANSLATE, nextInput()).join();
  }
}
