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
 * over the length limits, then split; each source of a combined corpus on its own. Finally the
 * optional lower-cased copies join the training side.
 *
 * <p>The split is grouped by source sentence (compared case-insensitively): every pair of a source
 * goes to the same side, so validation never holds a source seen in training (cmn-eng has many
 * English sentences with several translations). Pairs that carry a conversation id (the dialogue
 * format) are grouped by conversation instead: a whole conversation goes to one side, so a
 * validation turn never appears in training as the other half of a pair. The distinct groups
 * (sources or conversations), in order of first appearance, are shuffled with {@code new
 * java.util.Random(seed)} (its algorithm is fixed by the Java specification, so the split is the
 * same on every JVM) and the first {@code round(validationFraction * sources)} of them form the
 * validation side (at least one and at most all but one when the fraction is positive and there are
 * two sources or more).
 */
public final class DataPipeline {
  private DataPipeline() {}

  /**
   * Prepares each source of {@code corpus} on its own (normalise, filter, split with the same seed)
   * and joins the results in source order, then adds the lower-cased copies to the training side.
   * So a source's split does not depend on the other sources, and a single source splits as it did
   * before sources could be combined.
   */
  public static PreparedData prepare(Corpus corpus, DataOptions options) {
    List<TextPair> train = new ArrayList<>();
    List<TextPair> validation = new ArrayList<>();
    List<SourceCounts> counts = new ArrayList<>();
    int droppedTooLong = 0;
    int droppedEmpty = 0;
    for (Corpus source : corpus.parts()) {
      PreparedData part = split(source.pairs(), options);
      train.addAll(part.train());
      validation.addAll(part.validation());
      droppedTooLong += part.droppedTooLong();
      droppedEmpty += part.droppedEmpty();
      counts.add(
          new SourceCounts(
              source.name(),
              source.location(),
              source.sha256(),
              source.pairs().size(),
              source.skipped(),
              part.droppedEmpty(),
              part.droppedTooLong(),
              part.train().size(),
              part.validation().size()));
    }
    return withLowercasedCopies(
        new PreparedData(train, validation, droppedTooLong, droppedEmpty, 0, counts), options);
  }

  /** {@link #prepare(Corpus, DataOptions)} of pairs from one source. */
  public static PreparedData prepare(List<TextPair> raw, DataOptions options) {
    return withLowercasedCopies(split(raw, options), options);
  }

  private static PreparedData split(List<TextPair> raw, DataOptions options) {
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
      TextPair directed = options.reverse() ? pair.withTexts(pair.target(), pair.source()) : pair;
      (validationSources.contains(groupKey(pair)) ? validation : train).add(directed);
    }
    return new PreparedData(train, validation, droppedTooLong, droppedEmpty);
  }

  /**
   * Appends to the training side a copy with the source lower-cased ({@link Locale#ROOT}) of a
   * seeded random {@link DataOptions#lowercaseShare()} of the training pairs whose source has
   * upper-case letters; the target stays as it is. The copies are drawn in corpus order from {@code
   * new Random(seed + 1)}, so they are the same on every run with the same options.
   */
  static PreparedData withLowercasedCopies(PreparedData data, DataOptions options) {
    if (options.lowercaseShare() <= 0) {
      return data;
    }
    Random random = new Random(options.seed() + 1);
    List<TextPair> train = new ArrayList<>(data.train());
    int copies = 0;
    for (TextPair pair : data.train()) {
      String lower = pair.source().toLowerCase(Locale.ROOT);
      if (!lower.equals(pair.source()) && random.nextDouble() < options.lowercaseShare()) {
        train.add(pair.withTexts(lower, pair.target()));
        copies++;
      }
    }
    return new PreparedData(
        train,
        data.validation(),
        data.droppedTooLong(),
        data.droppedEmpty(),
        copies,
        data.sources());
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

  /**
   * The group a pair is split with: its conversation, or its source sentence (lower-cased) when it
   * has none. A split puts every pair of a group on the same side.
   */
  public static String groupKey(TextPair pair) {
    // The NUL prefix cannot occur in normalised text, so conversation keys never meet sentence
    // keys.
    return pair.conversation() != null
        ? "\u0000" + pair.conversation()
        : pair.source().toLowerCase(Locale.ROOT);
  }

  private static boolean tooLong(String text, int limit) {
    return limit > 0 && text.codePointCount(0, text.length()) > limit;
  }
}
