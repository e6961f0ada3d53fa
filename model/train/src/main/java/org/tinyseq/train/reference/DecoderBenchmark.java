package org.tinyseq.train.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.decode.DecodeBatcher;
import org.tinyseq.serve.decode.Decoded;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.SourceIds;

/**
 * The measurements behind {@code model bench}: single-sentence latency of the Java decoder and of
 * the DL4J reference on the same sentences in the same process, throughput through a {@link
 * DecodeBatcher} at several numbers of concurrent callers, and memory.
 */
public final class DecoderBenchmark {
  /** What to measure. */
  public record Settings(
      int referenceSentences,
      List<Integer> callers,
      Duration throughputDuration,
      BatcherConfig batcher,
      List<String> probeModels) {}

  private final Bundle bundle;
  private final GreedyDecoder decoder;
  private final List<String> sentences;
  private final List<SourceIds> sources;
  private final int maxSteps;
  private final int beam;
  private final Settings settings;

  public DecoderBenchmark(Bundle bundle, List<String> sentences, Settings settings) {
    this.bundle = bundle;
    this.decoder = GreedyDecoder.of(bundle);
    this.sentences = sentences;
    this.settings = settings;
    this.maxSteps = bundle.architecture().maxTargetLength();
    this.beam = settings.batcher().beamSize();
    this.sources = new ArrayList<>();
    for (String s : sentences) {
      sources.add(decoder.sourceIds(s));
    }
  }

  /** Runs every measurement; the result is ready for JSON (nested maps, numbers, strings). */
  public Map<String, Object> run() throws IOException, InterruptedException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", bundle.version());
    out.put("location", bundle.location());
    out.put("architecture", bundle.architecture());
    out.put("sourceVocabulary", bundle.sourceVocabulary().size());
    out.put("targetVocabulary", bundle.targetVocabulary().size());
    out.put("sentences", sentences.size());
    out.put("cpus", Runtime.getRuntime().availableProcessors());
    out.put("kernel", decoder.kernel());
    out.put("beam", beam);
    out.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));

    warmUp(Math.max(300, sentences.size()));
    long[] javaNs = new long[sources.size()];
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = cpu.getCurrentThreadCpuTime();
    long steps = 0;
    long sourceTokens = 0;
    List<Decoded> javaResults = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      long t0 = System.nanoTime();
      Decoded d = decoder.decode(sources.get(i), maxSteps, beam);
      javaNs[i] = System.nanoTime() - t0;
      javaResults.add(d);
      steps += d.steps();
      sourceTokens += sources.get(i).length();
    }
    out.put(
        "javaCpuMsPerSentence",
        round((cpu.getCurrentThreadCpuTime() - cpuStart) / 1e6 / sources.size()));
    out.put("meanDecoderSteps", (double) steps / sources.size());
    out.put("meanSourceTokens", (double) sourceTokens / sources.size());
    out.put("java", latency(javaNs));

    int m = Math.min(settings.referenceSentences(), sources.size());
    String skip = referenceSkipped();
    if (m > 0 && skip != null) {
      out.put("dl4jReferenceSkipped", skip);
    } else if (m > 0) {
      ReferenceDecoder reference = ReferenceDecoder.of(bundle);
      for (int i = 0; i < Math.min(3, m); i++) {
        reference.decode(sources.get(i), maxSteps); // builds the graphs, warms nd4j
      }
      long[] refNs = new long[m];
      int identical = 0;
      for (int i = 0; i < m; i++) {
        long t0 = System.nanoTime();
        Decoded d = reference.decode(sources.get(i), maxSteps);
        refNs[i] = System.nanoTime() - t0;
        if (Arrays.equals(d.ids(), javaResults.get(i).ids())) {
          identical++;
        }
      }
      Map<String, Object> ref = latency(refNs);
      ref.put("identicalOutputs", identical + "/" + m);
      out.put("dl4jReference", ref);
      Map<String, Object> javaSame = latency(Arrays.copyOf(javaNs, m));
      out.put("javaOnSameSentences", javaSame);
      out.put(
          "speedupP50",
          ((Number) ref.get("p50Ms")).doubleValue()
              / ((Number) javaSame.get("p50Ms")).doubleValue());
    }

    List<Map<String, Object>> throughput = new ArrayList<>();
    for (int c : settings.callers()) {
      throughput(c, settings.throughputDuration().dividedBy(4)); // warm-up at this concurrency
      throughput.add(throughput(c, settings.throughputDuration()));
    }
    BatcherConfig b = settings.batcher();
    out.put(
        "batcher",
        Map.of(
            "maxBatch", b.maxBatch(),
            "maxWaitMs", b.maxWait().toNanos() / 1e6,
            "queueCapacity", b.queueCapacity(),
            "threads", b.threads()));
    out.put("throughput", throughput);

    Map<String, Object> memory = new LinkedHashMap<>();
    Map<String, Long> self = MemoryProbe.procStatus();
    memory.put("benchProcessHwmKb", self.getOrDefault("VmHWM", -1L));
    memory.put("benchProcessNote", "this process: Java decoder plus the DL4J reference");
    if (!settings.probeModels().isEmpty()) {
      // JVM defaults size the heap from the machine (a quarter of its memory), so the warm-up's
      // short-lived garbage inflates the resident set; a deployment sets -Xmx
      List<Map<String, Object>> probes = new ArrayList<>();
      for (String heap : List.of("", "-Xmx192m")) {
        probes.add(probe(settings.probeModels(), heap));
      }
      memory.put("servingProcess", probes);
    }
    out.put("memory", memory);
    return out;
  }

  /** Why the DL4J reference cannot decode like the Java decoder here, or null when it can. */
  private String referenceSkipped() {
    if (bundle.architecture().luong()) {
      return "the DL4J reference decoder has no attention graph (the serving decoder's parity with"
          + " the spec's arithmetic is tested in AttentionDecoderTest)";
    }
    if (beam > 1) {
      return "the DL4J reference decodes greedily only (beam " + beam + " asked)";
    }
    return null;
  }

  private void warmUp(int n) {
    for (int i = 0; i < n; i++) {
      decoder.decode(sources.get(i % sources.size()), maxSteps, beam);
    }
    for (int i = 0; i + 32 <= sources.size() && i < 8 * 32; i += 32) {
      decoder.decodeBatch(sources.subList(i, i + 32), maxSteps, beam);
    }
  }

  private static Map<String, Object> latency(long[] ns) {
    long[] sorted = ns.clone();
    Arrays.sort(sorted);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", sorted.length);
    m.put("p50Ms", round(percentile(sorted, 50) / 1e6));
    m.put("p99Ms", round(percentile(sorted, 99) / 1e6));
    m.put("meanMs", round(Arrays.stream(sorted).average().orElse(0) / 1e6));
    return m;
  }

  private static double percentile(long[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** {@code callers} threads in a closed loop, each taking the next distinct sentence. */
  private Map<String, Object> throughput(int callers, Duration duration)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong done = new AtomicLong();
    AtomicLong batchedRequests = new AtomicLong();
    long[] latencies = new long[1 << 20];
    AtomicInteger latencyCount = new AtomicInteger();
    long deadline;
    long start;
    try (DecodeBatcher batcher =
        new DecodeBatcher(decoder, settings.batcher(), batchedRequests::addAndGet)) {
      List<Thread> threads = new ArrayList<>();
      long cpuStart = processCpuNanos();
      start = System.nanoTime();
      deadline = start + duration.toNanos();
      for (int c = 0; c < callers; c++) {
        Thread t =
            new Thread(
                () -> {
                  while (System.nanoTime() < deadline) {
                    SourceIds s = sources.get(next.getAndIncrement() % sources.size());
                    long t0 = System.nanoTime();
                    CompletableFuture<Decoded> f = batcher.submit(s, maxSteps);
                    f.join();
                    int i = latencyCount.getAndIncrement();
                    if (i < latencies.length) {
                      latencies[i] = System.nanoTime() - t0;
                    }
                    done.incrementAndGet();
                  }
                });
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuMs = (processCpuNanos() - cpuStart) / 1e6;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("callers", callers);
      m.put("sentences", done.get());
      m.put("seconds", round(seconds));
      m.put("sentencesPerSecond", round(done.get() / seconds));
      // CPU time this process spent per sentence (workers and callers): what the decoder costs
      // whatever else runs on the machine; cpus / that = sentences/s with the cores to itself
      double perSentence = cpuMs / Math.max(1, done.get());
      m.put("cpuMsPerSentence", round(perSentence));
      m.put(
          "sentencesPerSecondIfCoresIdle",
          round(Runtime.getRuntime().availableProcessors() * 1000 / perSentence));
      m.put("distinctSentences", Math.min(next.get(), sources.size()));
      m.put("meanBatch", round((double) batchedRequests.get() / Math.max(1, batcher.batches())));
      m.put(
          "latency",
          latency(Arrays.copyOf(latencies, Math.min(latencies.length, latencyCount.get()))));
      return m;
    }
  }

  private static long processCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  /** Runs {@link MemoryProbe} in a child JVM on this classpath (it loads serving classes only). */
  private static Map<String, Object> probe(List<String> models, String heap) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (!heap.isEmpty()) {
      cmd.add(heap);
    }
    for (String arg :
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-modules") || arg.startsWith("-Dtinyseq.")) {
        cmd.add(arg); // same kernel choice as this process
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(MemoryProbe.class.getName());
    cmd.addAll(models);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", String.join(" ", cmd));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String last = null;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("{")) {
          last = line;
        }
      }
    }
    try {
      m.put("exitCode", p.waitFor());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (last != null) {
      m.put("result", new com.fasterxml.jackson.databind.ObjectMapper().readValue(last, Map.class));
    }
    return m;
  }
}
