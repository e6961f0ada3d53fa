package org.tinyseq.train.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.decode.DecodeBatcher;
import org.tinyseq.serve.decode.Decoded;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.SourceIds;

/**
 * The resident memory of a serving process: loads the given models (default: both embedded
 * defaults) as the service does (decoder tables, example memory and a batcher each), looks the
 * sentences up in the memories, decodes a few hundred sentences through them concurrently, then
 * prints one JSON line with VmRSS and VmHWM from {@code /proc/self/status}. It loads serving
 * classes only (model.jar carries DL4J, but nothing here loads it), so the figures are a serving
 * process's:
 *
 * <pre>
 * java -cp model/train/target/model.jar org.tinyseq.train.reference.MemoryProbe [--sentences N] [refs...]
 * </pre>
 *
 * A ref is {@code default:translate}, {@code default:chat}, a bundle directory, or {@code
 * random:translate} / {@code random:chat} (random weights of the default sizes).
 */
public final class MemoryProbe {
  private MemoryProbe() {}

  public static void main(String[] args) throws Exception {
    int sentences = 300;
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--sentences")) {
        sentences = Integer.parseInt(args[++i]);
      } else {
        refs.add(args[i]);
      }
    }
    if (refs.isEmpty()) {
      refs = List.of("default:translate", "default:translate-zh-en", "default:chat");
    }
    System.out.println(run(refs, sentences));
  }

  static String run(List<String> refs, int sentences) throws BundleException, IOException {
    List<String> texts = BenchSentences.generate(sentences, 11);
    List<DecodeBatcher> batchers = new ArrayList<>();
    long decoded = 0;
    try {
      for (String ref : refs) {
        Bundle bundle = BenchModels.resolve(ref);
        GreedyDecoder decoder = GreedyDecoder.of(bundle);
        DecodeBatcher batcher =
            new DecodeBatcher(decoder, new BatcherConfig(32, Duration.ofMillis(2), 1024, 2));
        batchers.add(batcher);
        if (bundle.hasMemory()) {
          for (String t : texts) {
            bundle.memory().lookup(t); // the scratch buffers a serving thread keeps
          }
        }
        List<CompletableFuture<Decoded>> futures = new ArrayList<>();
        int steps = bundle.architecture().maxTargetLength();
        for (String t : texts) {
          SourceIds ids = decoder.sourceIds(t);
          futures.add(batcher.submit(ids, steps));
        }
        for (var f : futures) {
          decoded += f.join().steps() > 0 ? 1 : 0;
        }
      }
      Map<String, Long> status = procStatus();
      Runtime rt = Runtime.getRuntime();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("models", String.join(",", refs));
      out.put("decoded", decoded);
      out.put("vmRssKb", status.getOrDefault("VmRSS", -1L));
      out.put("vmHwmKb", status.getOrDefault("VmHWM", -1L));
      out.put("heapUsedKb", (rt.totalMemory() - rt.freeMemory()) / 1024);
      out.put("heapCommittedKb", rt.totalMemory() / 1024);
      out.put(
          "jvmArgs",
          String.join(
              " ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
      return json(out);
    } finally {
      batchers.forEach(DecodeBatcher::close);
    }
  }

  /** The kB fields of {@code /proc/self/status} (Linux); empty elsewhere. */
  public static Map<String, Long> procStatus() {
    Map<String, Long> out = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        String[] kv = line.split(":\\s+", 2);
        if (kv.length == 2 && kv[1].endsWith(" kB")) {
          out.put(kv[0], Long.parseLong(kv[1].substring(0, kv[1].length() - 3).trim()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figures
    }
    return out;
  }

  private static String json(Map<String, Object> m) {
    StringBuilder sb = new StringBuilder("{");
    for (var e : m.entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append('"').append(e.getKey()).append("\":");
      if (e.getValue() instanceof Number) {
        sb.append(e.getValue());
      } else {
        sb.append('"')
            .append(e.getValue().toString().replace("\\", "\\\\").replace("\"", "\\\""))
            .append('"');
      }
    }
    return sb.append('}').toString();
  }
}
