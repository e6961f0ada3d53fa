package org.tinyseq.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinyseq.train.data.TextPair;

/** Pairs the tests write themselves: "cat dog" -> "猫和狗" for 8 words, every ordered pair. */
public final class TinyPairs {
  static final String[] WORDS = {"cat", "dog", "sun", "moon", "tree", "fish", "bird", "rain"};
  static final String[] CHINESE = {"猫", "狗", "日", "月", "树", "鱼", "鸟", "雨"};

  private TinyPairs() {}

  /** 56 pairs. */
  public static List<TextPair> pairs() {
    List<TextPair> pairs = new ArrayList<>();
    for (int a = 0; a < WORDS.length; a++) {
      for (int b = 0; b < WORDS.length; b++) {
        if (a != b) {
          pairs.add(new TextPair(WORDS[a] + " " + WORDS[b], CHINESE[a] + "和" + CHINESE[b]));
        }
      }
    }
    return pairs;
  }

  /** The pairs as a two-column TSV file in {@code dir}. */
  public static Path writeTsv(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (TextPair p : pairs()) {
      sb.append(p.source()).append('\t').append(p.target()).append('\n');
    }
    Path file = dir.resolve("tiny.tsv");
    Files.writeString(file, sb, StandardCharsets.UTF_8);
    return file;
  }
}
