package org.tinyseq.train.reference;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The human-readable table of a {@link DecoderBenchmark} report. */
final class BenchTable {
  private BenchTable() {}

  @SuppressWarnings("unchecked")
  static void print(Map<String, Object> r, PrintWriter out) {
    out.printf(
        "model %s (%s), %s sentences, %s cpus, %s%n",
        r.get("model"), r.get("location"), r.get("sentences"), r.get("cpus"), r.get("jvm"));
    out.printf(
        "kernel %s, beam %s, mean source tokens %.1f, mean decoder steps %.1f, Java CPU %.2f"
            + " ms/sentence%n",
        r.get("kernel"),
        r.get("beam"),
        r.get("meanSourceTokens"),
        r.get("meanDecoderSteps"),
        r.get("javaCpuMsPerSentence"));
    out.println();
    out.printf("%-34s %10s %10s %10s %6s%n", "single sentence", "p50 ms", "p99 ms", "mean ms", "n");
    row(out, "Java decoder, all sentences", (Map<String, Object>) r.get("java"));
    if (r.containsKey("dl4jReferenceSkipped")) {
      out.println("DL4J reference skipped: " + r.get("dl4jReferenceSkipped"));
    }
    if (r.containsKey("dl4jReference")) {
      row(
          out,
          "Java decoder, reference subset",
          (Map<String, Object>) r.get("javaOnSameSentences"));
      Map<String, Object> ref = (Map<String, Object>) r.get("dl4jReference");
      row(out, "DL4J reference, same subset", ref);
      out.printf(
          "speed-up (p50 DL4J / p50 Java): %.1fx; identical outputs %s%n",
          r.get("speedupP50"), ref.get("identicalOutputs"));
    }
    out.println();
    out.printf(
        "%-10s %12s %10s %10s %12s %12s %14s %16s%n",
        "callers",
        "sentences/s",
        "sentences",
        "meanBatch",
        "p50 ms",
        "p99 ms",
        "CPU ms/sent.",
        "s/s, idle cores");
    for (Map<String, Object> t : (List<Map<String, Object>>) r.get("throughput")) {
      Map<String, Object> lat = (Map<String, Object>) t.get("latency");
      out.printf(
          "%-10s %12s %10s %10s %12s %12s %14s %16s%n",
          t.get("callers"),
          t.get("sentencesPerSecond"),
          t.get("sentences"),
          t.get("meanBatch"),
          lat.get("p50Ms"),
          lat.get("p99Ms"),
          t.get("cpuMsPerSentence"),
          t.get("sentencesPerSecondIfCoresIdle"));
    }
    out.println("batcher " + r.get("batcher"));
    out.println(
        "(CPU ms/sent.: this process's CPU time per sentence; s/s, idle cores: cpus / that, the"
            + " rate with the cores to itself)");
    out.println();
    if (r.get("exampleMemory") instanceof Map<?, ?> ex) {
      Map<String, Object> lookup = (Map<String, Object>) ex.get("lookup");
      out.printf(
          "example memory: %s entries, threshold %s; lookup p50 %s ms, p99 %s ms, max %s ms (n %s);"
              + " answers %s%% of these sentences%n",
          ex.get("entries"),
          ex.get("threshold"),
          lookup.get("p50Ms"),
          lookup.get("p99Ms"),
          lookup.get("maxMs"),
          lookup.get("n"),
          ex.get("answeredPercent"));
      if (ex.containsKey("bundleLoadMsMedian")) {
        out.printf(
            "load: bundle with memory %s ms, memory alone %s ms (median of 5; first %s ms);"
                + " memory file %s bytes%n",
            ex.get("bundleLoadMsMedian"),
            ex.get("memoryLoadMsMedian"),
            ex.get("memoryLoadMsFirst"),
            ex.get("fileBytes"));
      }
      out.println();
    }
    Map<String, Object> mem = (Map<String, Object>) r.get("memory");
    out.printf("bench process peak RSS (Java + DL4J): %s MB%n", mb(mem.get("benchProcessHwmKb")));
    List<Map<String, Object>> probes = (List<Map<String, Object>>) mem.get("servingProcess");
    for (Map<String, Object> probe : probes == null ? List.<Map<String, Object>>of() : probes) {
      if (probe.get("result") instanceof Map<?, ?> res) {
        out.printf(
            "serving process (%s; JVM args '%s'): RSS %s MB, peak %s MB%n",
            res.get("models"), res.get("jvmArgs"), mb(res.get("vmRssKb")), mb(res.get("vmHwmKb")));
      } else {
        out.println("serving process probe failed: " + probe);
      }
    }
    out.println();
  }

  private static void row(PrintWriter out, String name, Map<String, Object> m) {
    out.printf(
        "%-34s %10s %10s %10s %6s%n",
        name, m.get("p50Ms"), m.get("p99Ms"), m.get("meanMs"), m.get("n"));
  }

  private static String mb(Object kb) {
    return kb instanceof Number n ? String.format("%.0f", n.doubleValue() / 1024) : "?";
  }
}
