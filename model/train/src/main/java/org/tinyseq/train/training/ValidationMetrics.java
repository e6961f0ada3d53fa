package org.tinyseq.train.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.decode.Decoded;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.train.data.EvenSample;
import org.tinyseq.train.data.TextPair;
import org.tinyseq.train.eval.EvaluationReport;
import org.tinyseq.train.eval.Evaluator;
import org.tinyseq.train.eval.TranslationMemory;
import org.tinyseq.train.memory.MemoryMetrics;
import org.tinyseq.train.memory.ThresholdChoice;

/**
 * Scores a model on the validation split by greedy decoding with the serving decoder (so the
 * figures are those of what the bot runs), next to the translation-memory baseline; for a chat
 * model both with their replies' diversity.
 */
public final class ValidationMetrics {
  private ValidationMetrics() {}

  /** Greedy decodings of the sources, in order. */
  public static List<String> decodeAll(GreedyDecoder decoder, List<String> sources) {
    List<String> out = new ArrayList<>(sources.size());
    int steps = decoder.bundle().architecture().maxTargetLength();
    for (int start = 0; start < sources.size(); start += 64) {
      List<SourceIds> ids = new ArrayList<>();
      for (String s : sources.subList(start, Math.min(sources.size(), start + 64))) {
        ids.add(decoder.sourceIds(s));
      }
      for (Decoded d : decoder.decodeBatch(ids, steps)) {
        out.add(d.text());
      }
    }
    return out;
  }

  /** Median latency of decoding one sentence alone (batch of one), over up to 50 sentences. */
  static double singleSentenceMillis(GreedyDecoder decoder, List<String> sources) {
    int steps = decoder.bundle().architecture().maxTargetLength();
    int n = Math.min(50, sources.size());
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      SourceIds ids = decoder.sourceIds(sources.get(i));
      long t0 = System.nanoTime();
      decoder.decode(ids, steps);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    java.util.Arrays.sort(ms);
    return Math.round(ms[n / 2] * 100) / 100.0;
  }

  /**
   * Metrics of {@code bundle} on (an evenly spaced sample of at most {@code limit} of) the
   * validation pairs, plus the translation-memory baseline on the same pairs under {@code
   * translationMemory}.
   */
  public static Map<String, Object> evaluate(
      Bundle bundle, List<TextPair> train, List<TextPair> validation, int limit) {
    return evaluate(bundle, train, validation, limit, null, 0);
  }

  /**
   * {@link #evaluate(Bundle, List, List, int)}, plus, when {@code memory} is given, its threshold
   * chosen on the same pairs ({@link ThresholdChoice}) and the memory, decoder and combined figures
   * under {@code memory} ({@link MemoryMetrics}).
   */
  public static Map<String, Object> evaluate(
      Bundle bundle,
      List<TextPair> train,
      List<TextPair> validation,
      int limit,
      ExampleMemory exampleMemory,
      int memoryTrainingPairs) {
    List<TextPair> pairs =
        limit > 0 ? EvenSample.of(validation, limit) : validation; // all topics, not the first
    Map<String, Object> m = new LinkedHashMap<>();
    if (pairs.isEmpty()) {
      if (exampleMemory != null) {
        m.put("memory", MemoryMetrics.of(exampleMemory.size(), memoryTrainingPairs, null));
      }
      return m;
    }
    List<String> sources = pairs.stream().map(TextPair::source).toList();
    List<String> references = pairs.stream().map(TextPair::target).toList();
    GreedyDecoder decoder = GreedyDecoder.of(bundle);
    long t0 = System.nanoTime();
    List<String> hypotheses = decodeAll(decoder, sources);
    double seconds = (System.nanoTime() - t0) / 1e9;
    boolean chat = bundle.kind() == ModelKind.CHAT;
    EvaluationReport model = Evaluator.evaluate(hypotheses, references, chat);
    m.putAll(model.toMetrics());
    m.put("decodeSentencesPerSecond", Math.round(pairs.size() / seconds * 10) / 10.0);
    m.put("decodeMillisPerSentence", singleSentenceMillis(decoder, sources));
    EvaluationReport baseline =
        Evaluator.evaluate(TranslationMemory.build(train).translateAll(sources), references, chat);
    m.put("translationMemory", baseline.toMetrics());
    if (exampleMemory != null) {
      m.put(
          "memory",
          MemoryMetrics.of(
              exampleMemory.size(),
              memoryTrainingPairs,
              ThresholdChoice.choose(exampleMemory, sources, references, hypotheses)));
    }
    return m;
  }
}
