package org.tinyseq.train.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.tinyseq.serve.chat.ChatAnswerer;
import org.tinyseq.serve.chat.ChatCandidate;
import org.tinyseq.serve.chat.ChatRanker;
import org.tinyseq.serve.chat.ChatReply;
import org.tinyseq.serve.text.TextNormalizer;

/**
 * The chat answer path's figures for {@code model.jar bench} on a chat bundle with a pool: the
 * latency of one message (retrieve, generate, score, choose; one message at a time after a warm-up)
 * and the messages per second of {@code callers} threads in a closed loop through a {@link
 * ChatRanker} (the service's chat workers; no result cache), with the CPU time per message.
 */
public final class ChatPathBenchmark {
  private ChatPathBenchmark() {}

  public static Map<String, Object> run(
      ChatAnswerer answerer,
      List<String> texts,
      List<Integer> callers,
      Duration duration,
      int threads)
      throws InterruptedException {
    List<String> messages = texts.stream().map(TextNormalizer::normalize).toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ranking", answerer.ranking().toMap());
    m.put("reverseModel", answerer.scorer().hasReverse());
    for (int i = 0; i < Math.min(messages.size(), 100); i++) {
      answerer.reply(messages.get(i));
    }
    long[] ns = new long[messages.size()];
    Map<ChatCandidate.Origin, Integer> origins = new EnumMap<>(ChatCandidate.Origin.class);
    long candidates = 0;
    long cpu0 = threadCpuNanos();
    for (int i = 0; i < messages.size(); i++) {
      long t0 = System.nanoTime();
      ChatReply r = answerer.reply(messages.get(i));
      ns[i] = System.nanoTime() - t0;
      candidates += r.candidates();
      if (r.origin() != null) {
        origins.merge(r.origin(), 1, Integer::sum);
      }
    }
    Map<String, Object> single = latency(ns);
    single.put("cpuMsPerMessage", round((threadCpuNanos() - cpu0) / 1e6 / messages.size()));
    single.put("meanCandidates", round((double) candidates / messages.size()));
    Map<String, Object> share = new LinkedHashMap<>();
    origins.forEach((o, n) -> share.put(o.name().toLowerCase(), round(100.0 * n / ns.length)));
    single.put("chosenOriginPercent", share);
    m.put("single", single);
    List<Map<String, Object>> runs = new ArrayList<>();
    for (int c : callers) {
      runs.add(throughput(answerer, messages, c, duration, threads));
    }
    m.put("throughput", runs);
    return m;
  }

  private static Map<String, Object> throughput(
      ChatAnswerer answerer, List<String> messages, int callers, Duration duration, int threads)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong done = new AtomicLong();
    long[] latencies = new long[1 << 20];
    AtomicInteger latencyCount = new AtomicInteger();
    try (ChatRanker ranker = new ChatRanker(answerer, threads, 4096)) {
      // warm-up: a quarter of the duration
      loop(ranker, messages, callers, System.nanoTime() + duration.toNanos() / 4, next, null, null);
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      loop(
          ranker,
          messages,
          callers,
          start + duration.toNanos(),
          next,
          done,
          (i, t) -> {
            int at = latencyCount.getAndIncrement();
            if (at < latencies.length) {
              latencies[at] = t;
            }
          });
      double seconds = (System.nanoTime() - start) / 1e9;
      double perMessage = (processCpuNanos() - cpuStart) / 1e6 / Math.max(1, done.get());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("callers", callers);
      m.put("messages", done.get());
      m.put("seconds", round(seconds));
      m.put("messagesPerSecond", round(done.get() / seconds));
      m.put("cpuMsPerMessage", round(perMessage));
      m.put(
          "messagesPerSecondIfCoresIdle",
          round(Runtime.getRuntime().availableProcessors() * 1000 / perMessage));
      m.put(
          "latency",
          latency(Arrays.copyOf(latencies, Math.min(latencies.length, latencyCount.get()))));
      return m;
    }
  }

  private interface Timing {
    void record(int index, long nanos);
  }

  private static void loop(
      ChatRanker ranker,
      List<String> messages,
      int callers,
      long deadline,
      AtomicInteger next,
      AtomicLong done,
      Timing timing)
      throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      Thread t =
          new Thread(
              () -> {
                while (System.nanoTime() < deadline) {
                  int i = next.getAndIncrement() % messages.size();
                  long t0 = System.nanoTime();
                  ranker.submit(messages.get(i)).join();
                  if (timing != null) {
                    timing.record(i, System.nanoTime() - t0);
                    done.incrementAndGet();
                  }
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
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
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static long threadCpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static long processCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }
}
