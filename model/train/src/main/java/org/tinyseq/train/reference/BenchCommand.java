package org.tinyseq.train.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.ModelRef;
import org.tinyseq.serve.chat.ChatAnswerer;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.train.chat.ChatPathBenchmark;
import org.tinyseq.train.cli.ChatPathOptions;
import org.tinyseq.train.memory.MemoryBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code model bench}: the serving decoder's figures beside the DL4J reference. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the Java greedy decoder: single-sentence latency beside the DL4J reference (same"
          + " sentences, same run), throughput through the dynamic batcher at 1 and 64 callers,"
          + " decoder steps, and the resident memory of a serving process (a child JVM running"
          + " org.tinyseq.train.reference.MemoryProbe).",
      "Prints a table, then the JSON (or writes it to --json)."
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      defaultValue = "default:translate",
      description =
          "Bundle folder, default:translate, default:chat, or random:translate / random:chat"
              + " (random weights of the default sizes) / random:translate-luong (random weights"
              + " of the attention model's sizes). Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(
      names = "--sentences",
      defaultValue = "500",
      description = "Distinct sentences for the latency runs. Default: ${DEFAULT-VALUE}.")
  int sentences;

  @Option(
      names = "--sentences-file",
      description =
          "Read sentences from this file (first tab-separated column of each line) instead of"
              + " generating them.")
  Path sentencesFile;

  @Option(
      names = "--reference-sentences",
      defaultValue = "50",
      description =
          "How many of the sentences the DL4J reference decodes too (0: skip it). Default:"
              + " ${DEFAULT-VALUE}.")
  int referenceSentences;

  @Option(
      names = "--callers",
      split = ",",
      defaultValue = "1,64",
      description = "Concurrent callers of the throughput runs. Default: ${DEFAULT-VALUE}.")
  List<Integer> callers;

  @Option(
      names = "--seconds",
      defaultValue = "10",
      description = "Duration of each throughput run. Default: ${DEFAULT-VALUE}.")
  double seconds;

  @Option(
      names = "--max-batch",
      defaultValue = "" + BatcherConfig.DEFAULT_MAX_BATCH,
      description = "Batcher maxBatch. Default: ${DEFAULT-VALUE}, the service's.")
  int maxBatch;

  @Option(
      names = "--max-wait-ms",
      defaultValue = "" + BatcherConfig.DEFAULT_MAX_WAIT_MS,
      description = "Batcher maxWait in milliseconds. Default: ${DEFAULT-VALUE}, the service's.")
  double maxWaitMs;

  @Option(
      names = "--threads",
      description = "Batcher worker threads. Default: the number of processors.")
  Integer threads;

  @Option(
      names = "--probe",
      split = ",",
      description =
          "Models the memory probe loads (comma-separated refs; 'none' skips it). Default: all three"
              + " embedded defaults, or random:translate,random:chat when they are absent.")
  List<String> probe;

  @Option(
      names = "--beam",
      defaultValue = "1",
      description =
          "Beam search width of every run (1: greedy). The DL4J reference is greedy and without"
              + " attention, so it is skipped for a beam above 1 and for attention bundles."
              + " Default: ${DEFAULT-VALUE}.")
  int beam;

  @Option(
      names = "--memory",
      defaultValue = "on",
      paramLabel = "on|off",
      description =
          "on: also measure the bundle's example memory (lookup latency on the same sentences,"
              + " share answered, bundle and memory load times); off: the decoder only. Default:"
              + " ${DEFAULT-VALUE}.")
  String memory;

  @Mixin ChatPathOptions chatPath;

  @Option(names = "--json", description = "Write the JSON report to this file.")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (beam < 1) {
      throw new IllegalArgumentException("--beam must be at least 1");
    }
    Bundle bundle = BenchModels.resolve(model);
    List<String> texts =
        sentencesFile != null
            ? BenchSentences.read(sentencesFile, sentences)
            : BenchSentences.generate(sentences, 1);
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("no sentences to decode");
    }
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    BatcherConfig batcher =
        new BatcherConfig(
            maxBatch,
            Duration.ofNanos((long) (maxWaitMs * 1e6)),
            // the service's queue, or room for every caller: the bench measures, it never sheds
            Math.max(BatcherConfig.DEFAULT_QUEUE_CAPACITY, Collections.max(callers)),
            workers,
            beam);
    DecoderBenchmark.Settings settings =
        new DecoderBenchmark.Settings(
            referenceSentences,
            callers,
            Duration.ofMillis((long) (seconds * 1000)),
            batcher,
            probeModels());
    boolean memoryOn =
        switch (memory.toLowerCase(java.util.Locale.ROOT)) {
          case "on" -> true;
          case "off" -> false;
          default -> throw new IllegalArgumentException("--memory must be on or off");
        };
    Map<String, Object> report = new DecoderBenchmark(bundle, texts, settings).run();
    if (memoryOn && bundle.hasMemory()) {
      BundleSource source = model.startsWith("random:") ? null : ModelRef.source(model);
      report.put("exampleMemory", MemoryBenchmark.run(bundle.memory(), texts, source));
    }
    ChatAnswerer chat = chatPath.answerer(bundle, bundle.architecture().maxTargetLength());
    if (chat != null) {
      report.put(
          "chatPath",
          ChatPathBenchmark.run(
              chat, texts, callers, Duration.ofMillis((long) (seconds * 1000)), workers));
    }
    PrintWriter out = spec.commandLine().getOut();
    BenchTable.print(report, out);
    if (chat != null) {
      printChat(out, (Map<?, ?>) report.get("chatPath"));
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    if (json != null) {
      mapper.writeValue(json.toFile(), report);
      out.println("JSON written to " + json);
    } else {
      out.println(mapper.writeValueAsString(report));
    }
    out.flush();
    return 0;
  }

  private static void printChat(PrintWriter out, Map<?, ?> chat) {
    Map<?, ?> single = (Map<?, ?>) chat.get("single");
    out.printf(
        "chat path (%s, reverse model: %s): one message p50 %s ms, p99 %s ms, CPU %s ms,"
            + " %s candidates, chosen %s%n",
        chat.get("ranking"),
        chat.get("reverseModel"),
        single.get("p50Ms"),
        single.get("p99Ms"),
        single.get("cpuMsPerMessage"),
        single.get("meanCandidates"),
        single.get("chosenOriginPercent"));
    for (Object o : (List<?>) chat.get("throughput")) {
      Map<?, ?> t = (Map<?, ?>) o;
      Map<?, ?> lat = (Map<?, ?>) t.get("latency");
      out.printf(
          "chat path, %s callers: %s messages/s (CPU %s ms a message: %s/s with idle cores),"
              + " latency p50 %s ms, p99 %s ms%n",
          t.get("callers"),
          t.get("messagesPerSecond"),
          t.get("cpuMsPerMessage"),
          t.get("messagesPerSecondIfCoresIdle"),
          lat.get("p50Ms"),
          lat.get("p99Ms"));
    }
  }

  private List<String> probeModels() {
    if (probe != null) {
      return probe.equals(List.of("none")) ? List.of() : probe;
    }
    List<String> kinds = List.of("translate", "translate-zh-en", "chat");
    boolean defaults =
        kinds.stream()
            .allMatch(
                k ->
                    getClass()
                            .getClassLoader()
                            .getResource("org/tinyseq/models/" + k + "/manifest.json")
                        != null);
    return defaults
        ? kinds.stream().map(k -> "default:" + k).toList()
        : List.of("random:translate", "random:chat");
  }
}
