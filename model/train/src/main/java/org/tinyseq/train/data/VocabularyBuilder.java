package org.tinyseq.train.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.serve.text.Tokenizer;
import org.tinyseq.serve.text.Vocabulary;

/**
 * Builds a {@link Vocabulary} from token sequences: tokens seen at least {@code minCount} times, at
 * most {@code maxSize} of them (the reserved entries not counted; 0 = no limit), most frequent
 * first, ties broken by the token's natural string order. Tokens equal to a reserved entry are
 * ignored. Rarer tokens become {@code <unk>} at lookup.
 */
public final class VocabularyBuilder {
  private final int minCount;
  private final int maxSize;
  private final Map<String, Integer> counts = new HashMap<>();

  public VocabularyBuilder(int minCount, int maxSize) {
    if (minCount < 1 || maxSize < 0) {
      throw new IllegalArgumentException("minCount must be >= 1 and maxSize >= 0");
    }
    this.minCount = minCount;
    this.maxSize = maxSize;
  }

  /** Counts the tokens of one sequence. */
  public VocabularyBuilder add(List<String> tokens) {
    for (String token : tokens) {
      counts.merge(token, 1, Integer::sum);
    }
    return this;
  }

  public Vocabulary build() {
    List<Map.Entry<String, Integer>> entries = new ArrayList<>();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() >= minCount && !Vocabulary.RESERVED.contains(e.getKey())) {
        entries.add(e);
      }
    }
    entries.sort(
        Comparator.comparing((Map.Entry<String, Integer> e) -> e.getValue())
            .reversed()
            .thenComparing(Map.Entry::getKey));
    List<String> regular = new ArrayList<>();
    for (Map.Entry<String, Integer> e : entries) {
      if (maxSize > 0 && regular.size() == maxSize) {
        break;
      }
      regular.add(e.getKey());
    }
    return Vocabulary.of(regular);
  }

  /** Vocabulary over token sequences. */
  public static Vocabulary build(Iterable<List<String>> sequences, int minCount, int maxSize) {
    VocabularyBuilder builder = new VocabularyBuilder(minCount, maxSize);
    for (List<String> tokens : sequences) {
      builder.add(tokens);
    }
    return builder.build();
  }

  /**
   * Source vocabulary of (already normalised) pairs.
   *
   * @param unit how {@link Tokenizer} splits the sources
   */
  public static Vocabulary source(List<TextPair> pairs, TokenUnit unit, int minCount, int maxSize) {
    VocabularyBuilder builder = new VocabularyBuilder(minCount, maxSize);
    for (TextPair pair : pairs) {
      builder.add(Tokenizer.tokens(pair.source(), unit));
    }
    return builder.build();
  }

  /** Target vocabulary of (already normalised) pairs: always characters. */
  public static Vocabulary target(List<TextPair> pairs, int minCount, int maxSize) {
    VocabularyBuilder builder = new VocabularyBuilder(minCount, maxSize);
    for (TextPair pair : pairs) {
      builder.add(Tokenizer.tokens(pair.target(), TokenUnit.CHAR));
    }
    return builder.build();
  }
}
