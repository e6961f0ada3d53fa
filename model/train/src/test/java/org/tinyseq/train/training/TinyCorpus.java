package org.tinyseq.train.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.data.TextPair;

/** A few dozen pairs the tests write themselves: "cat dog" -> "猫和狗" and so on. */
final class TinyCorpus {
  static final String[] WORDS = {"cat", "dog", "sun", "moon", "tree", "fish", "bird", "rain"};
  static final String[] CHINESE = {"猫", "狗", "日", "月", "树", "鱼", "鸟", "雨"};

  private TinyCorpus() {}

  static List<TextPair> pairs() {
    List<TextPair> pairs = new ArrayList<>();
    for (int a = 0; a < WORDS.length; a++) {
      for (int b = 0; b < 3; b++) {
        if (a != b) {
          pairs.add(new TextPair(WORDS[a] + " " + WORDS[b], CHINESE[a] + "和" + CHINESE[b]));
        }
      }
    }
    return pairs; // 21 pairs
  }

  static DataOptions dataOptions() {
    return new DataOptions(1, 0.0, true, 60, 40);
  }

  static PreparedData prepared() {
    return DataPipeline.prepare(pairs(), dataOptions());
  }

  static Corpus corpus() {
    return new Corpus("tiny", Path.of("tiny.tsv"), "0".repeat(64), pairs(), 0);
  }

  /** Small, fast options that still memorise the pairs. */
  static TrainOptions options(Cell cell, TokenUnit tokens, boolean teacherForcing, int epochs) {
    return new TrainOptions(
        ModelKind.TRANSLATE,
        cell,
        tokens,
        48,
        12,
        teacherForcing,
        11,
        epochs,
        0.02,
        5.0,
        1,
        0,
        1,
        0,
        0,
        true,
        99,
        1);
  }

  static Map<String, Object> identity() {
    return Map.of("test", "tiny");
  }
}
