package org.tinyseq.train.memory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.BundleReader;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryFile;
import org.tinyseq.serve.memory.MemoryFileException;
import org.tinyseq.serve.memory.MemoryMatch;

/**
 * The example memory's figures for {@code model bench}: lookup latency (the full best-match search,
 * one sentence at a time, after a warm-up), the share of sentences the memory would answer at the
 * bundle's threshold, and the time to read a bundle with its memory (checksums, tensors, memory
 * file and index: what a load or hot swap does before the warm-up decodes) and the memory alone.
 */
public final class MemoryBenchmark {
  private MemoryBenchmark() {}

  /**
   * @param source the bundle's files, null for an in-memory (random) bundle: no load times then
   */
  public static Map<String, Object> run(
      ExampleMemory memory, List<String> sentences, BundleSource source)
      throws BundleException, MemoryFileException, java.io.IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entries", memory.size());
    m.put("threshold", memory.threshold());
    for (int round = 0; round < 3; round++) {
      for (String s : sentences) {
        memory.lookup(s);
      }
    }
    long[] ns = new long[sentences.size()];
    int answered = 0;
    int matched = 0;
    for (int i = 0; i < sentences.size(); i++) {
      long t0 = System.nanoTime();
      MemoryMatch match = memory.lookup(sentences.get(i));
      ns[i] = System.nanoTime() - t0;
      matched += match == null ? 0 : 1;
      answered += match != null && match.score() >= memory.threshold() ? 1 : 0;
    }
    Arrays.sort(ns);
    Map<String, Object> lookup = new LinkedHashMap<>();
    lookup.put("n", ns.length);
    lookup.put("p50Ms", round(percentile(ns, 50) / 1e6));
    lookup.put("p99Ms", round(percentile(ns, 99) / 1e6));
    lookup.put("maxMs", round(ns.length == 0 ? 0 : ns[ns.length - 1] / 1e6));
    lookup.put("meanMs", round(Arrays.stream(ns).average().orElse(0) / 1e6));
    m.put("lookup", lookup);
    m.put("answeredPercent", round(100.0 * answered / Math.max(1, sentences.size())));
    m.put("matchedPercent", round(100.0 * matched / Math.max(1, sentences.size())));
    if (source != null) {
      byte[] file = source.read(MemoryFile.FILE_NAME, MemoryFile.MAX_FILE_BYTES);
      m.put("fileBytes", file.length);
      double[] memoryMs = new double[5];
      double[] bundleMs = new double[5];
      for (int i = 0; i < 5; i++) {
        long t0 = System.nanoTime();
        new ExampleMemory(MemoryFile.read(file), memory.threshold());
        memoryMs[i] = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        BundleReader.read(source);
        bundleMs[i] = (System.nanoTime() - t0) / 1e6;
      }
      m.put("memoryLoadMsFirst", round(memoryMs[0]));
      m.put("memoryLoadMsMedian", round(median(memoryMs)));
      m.put("bundleLoadMsMedian", round(median(bundleMs)));
    }
    return m;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
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
}
