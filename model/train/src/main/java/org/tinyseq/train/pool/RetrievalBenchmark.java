package org.tinyseq.train.pool;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tinyseq.train.data.TextPair;
import org.tinyseq.train.eval.ChrF;

/**
 * Measures retrievers on held-out pairs: for each message, does the true reply appear among the
 * first k replies retrieved (recall@k, replies compared case-insensitively after normalisation);
 * the chrF of the top-1 replies against the true ones; the time of one query (wall and CPU, median
 * and 99th percentile over all messages, after one untimed pass); and what building the system cost
 * (wall and CPU time of the building thread, heap growth after a full GC, bytes on disk).
 */
public final class RetrievalBenchmark {
  private RetrievalBenchmark() {}

  /** Builds a system (timed and weighed by the benchmark). */
  @FunctionalInterface
  public interface Builder {
    RetrievalSystem build() throws Exception;
  }

  /** The figures of one system. */
  public record Row(
      String system,
      double buildSeconds,
      double buildCpuSeconds,
      double heapMb,
      double diskMb,
      double[] recall,
      double chrF1,
      double wallP50Ms,
      double wallP99Ms,
      double cpuP50Ms,
      double cpuP99Ms) {}

  /** Runs {@code builder}'s system over {@code held} and returns its row (the system is closed). */
  public static Row run(Builder builder, List<TextPair> held, int[] ks) throws Exception {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long heapBefore = usedHeap();
    long start = System.nanoTime();
    long startCpu = cpu.getCurrentThreadCpuTime();
    try (RetrievalSystem system = builder.build()) {
      double buildSeconds = (System.nanoTime() - start) / 1e9;
      double buildCpuSeconds = (cpu.getCurrentThreadCpuTime() - startCpu) / 1e9;
      double heapMb = Math.max(0, usedHeap() - heapBefore) / 1e6;
      int maxK = Arrays.stream(ks).max().orElse(1);
      for (TextPair p : held) {
        system.replies(p.source(), maxK); // warm-up pass
      }
      double[] wall = new double[held.size()];
      double[] cpuMs = new double[held.size()];
      int[] hits = new int[ks.length];
      List<String> top1 = new ArrayList<>(held.size());
      for (int i = 0; i < held.size(); i++) {
        TextPair p = held.get(i);
        long c0 = cpu.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        List<String> replies = system.replies(p.source(), maxK);
        wall[i] = (System.nanoTime() - w0) / 1e6;
        cpuMs[i] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
        top1.add(replies.isEmpty() ? "" : replies.get(0));
        int rank = rank(replies, p.target());
        for (int j = 0; j < ks.length; j++) {
          if (rank >= 0 && rank < ks[j]) {
            hits[j]++;
          }
        }
      }
      double[] recall = new double[ks.length];
      for (int j = 0; j < ks.length; j++) {
        recall[j] = 100.0 * hits[j] / held.size();
      }
      double chrF = ChrF.corpus(top1, held.stream().map(TextPair::target).toList());
      return new Row(
          system.name(),
          buildSeconds,
          buildCpuSeconds,
          heapMb,
          system.diskBytes() / 1e6,
          recall,
          chrF,
          percentile(wall, 50),
          percentile(wall, 99),
          percentile(cpuMs, 50),
          percentile(cpuMs, 99));
    }
  }

  /** The position of {@code truth} among {@code replies} (case-insensitive), -1 when absent. */
  static int rank(List<String> replies, String truth) {
    for (int i = 0; i < replies.size(); i++) {
      if (replies.get(i).equalsIgnoreCase(truth)) {
        return i;
      }
    }
    return -1;
  }

  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /** The table: one row per system. */
  public static String table(List<Row> rows, int[] ks) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-32s %8s %8s %8s %8s",
            "system",
            "build s",
            "cpu s",
            "heap MB",
            "disk MB"));
    for (int k : ks) {
      out.append(String.format(Locale.ROOT, " %7s", "R@" + k));
    }
    out.append(
        String.format(
            Locale.ROOT,
            " %7s %8s %8s %8s %8s%n",
            "chrF@1",
            "p50 ms",
            "p99 ms",
            "cpu p50",
            "cpu p99"));
    for (Row r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-32s %8.1f %8.1f %8.1f %8.1f",
              r.system(),
              r.buildSeconds(),
              r.buildCpuSeconds(),
              r.heapMb(),
              r.diskMb()));
      for (double v : r.recall()) {
        out.append(String.format(Locale.ROOT, " %7.2f", v));
      }
      out.append(
          String.format(
              Locale.ROOT,
              " %7.2f %8.3f %8.3f %8.3f %8.3f%n",
              r.chrF1(),
              r.wallP50Ms(),
              r.wallP99Ms(),
              r.cpuP50Ms(),
              r.cpuP99Ms()));
    }
    return out.toString();
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
