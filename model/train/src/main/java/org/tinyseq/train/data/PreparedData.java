package org.tinyseq.train.data;

import java.util.List;

/**
 * A corpus after normalisation, filtering, the train / validation split and the training-side
 * augmentation.
 *
 * @param train training pairs, in corpus order, then the lower-cased copies
 * @param validation validation pairs, in corpus order; no source (or conversation) of it appears in
 *     {@code train}
 * @param droppedTooLong pairs over a length limit
 * @param droppedEmpty pairs with an empty side after normalisation
 * @param lowercasedCopies training pairs added as lower-cased-source copies ({@link
 *     DataOptions#lowercaseShare()}), included in {@code train}
 * @param sources per-source counts, in source order (one entry for a single source)
 */
public record PreparedData(
    List<TextPair> train,
    List<TextPair> validation,
    int droppedTooLong,
    int droppedEmpty,
    int lowercasedCopies,
    List<SourceCounts> sources) {
  public PreparedData {
    train = List.copyOf(train);
    validation = List.copyOf(validation);
    sources = List.copyOf(sources);
  }

  /** Without augmentation or per-source counts. */
  public PreparedData(
      List<TextPair> train, List<TextPair> validation, int droppedTooLong, int droppedEmpty) {
    this(train, validation, droppedTooLong, droppedEmpty, 0, List.of());
  }

  /** The same data with another training side (a subset of it). */
  public PreparedData withTrain(List<TextPair> newTrain) {
    return new PreparedData(
        newTrain, validation, droppedTooLong, droppedEmpty, lowercasedCopies, sources);
  }

  /** Corpus pairs kept: training (without the lower-cased copies) plus validation. */
  public int kept() {
    return train.size() - lowercasedCopies + validation.size();
  }
}
