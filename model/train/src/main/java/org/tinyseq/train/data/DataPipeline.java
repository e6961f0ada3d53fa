package org.tinyseq.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.tinyseq.serve.text.TextNormalizer;

/**
 * Turns a {@link Corpus} into {@link PreparedData}: normalise both sides ({@link TextNormalizer},
 * then optionally {@link ChineseScript#toSimplified}), drop pairs with an empty side, drop pairs
 * over the length limits, then split.
 *
 * <p>The split is grouped by source sentence (compared case-insensitively): every pair of a source
 * goes to the same side, so validation never holds a source seen in training (cmn-eng has many
 * English sentences with several translations). The distinct sources, in order of first appearance,
 * are shuffled with {@code new java.util.Random(seed)} (its algorithm is fixed by the Java
 * specification, so the split is the same on every JVM) and the first {@code
 * round(validationFraction * sources)} of them form the validation side (at least one and at most
 * all but one when the fraction is positive and there are two sources or more).
 */
public final class DataPipeline {
  private DataPipeline() {}

  public static PreparedData prepare(Corpus corpus, DataOptions options) {
    return prepare(corpus.pairs(), options);
  }

  public static PreparedData prepare(List<TextPair> raw, DataOptions options) {
    List<TextPair> kept = new ArrayList<>(raw.size());
    int droppedEmpty = 0;
    int droppedTooLong = 0;
    for (TextPair pair : raw) {
      TextPair normalized = normalize(pair, options.simplified());
      if (normalized.source().isEmpty() || normalized.target().isEmpty()) {
        droppedEmpty++;
      } else if (tooLong(normalized.source(), options.maxSourceChars())
          || tooLong(normalized.target(), options.maxTargetChars())) {
        droppedTooLong++;
      } else {
        kept.add(normalized);
      }
    }
    Set<String> validationSources = validationSources(kept, options);
    List<TextPair> train = new ArrayList<>();
    List<TextPair> validation = new ArrayList<>();
    for (TextPair pair : kept) {
      (validationSources.contains(groupKey(pair)) ? validation : train).add(pair);
    }
    return new PreparedData(train, validation, droppedTooLong, droppedEmpty);
  }

  /** The normalisation of one text as training applies it. */
  public static String normalize(String text, boolean simplified) {
    String normalized = TextNormalizer.normalize(text);
    return simplified ? ChineseScript.toSimplified(normalized) : normalized;
  }

  /** Both sides of {@code pair} normalised; the attribution is kept. */
  public static TextPair normalize(TextPair pair, boolean simplified) {
    return pair.withTexts(
        normalize(pair.source(), simplified), normalize(pair.target(), simplified));
  }

  private static Set<String> validationSources(List<TextPair> pairs, DataOptions options) {
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (TextPair pair : pairs) {
      distinct.add(groupKey(pair));
    }
    List<String> sources = new ArrayList<>(distinct);
    int count = (int) Math.round(options.validationFraction() * sources.size());
    if (options.validationFraction() > 0 && sources.size() >= 2) {
      count = Math.max(1, Math.min(sources.size() - 1, count));
    }
    Collections.shuffle(sources, new Random(options.seed()));
    return new HashSet<>(sources.subList(0, count));
  }

  private static String groupKey(TextPair pair) {
    return pair.source().toLowerCase(Locale.ROOT);
  }

  private static boolean tooLong(String text, int limit) {
    return limit > 0 && text.codePointCount(0, text.length()) > limit;
  }
}
