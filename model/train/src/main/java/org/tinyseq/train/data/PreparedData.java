package org.tinyseq.train.data;

import java.util.List;

/**
 * A corpus after normalisation, filtering and the train / validation split.
 *
 * @param train training pairs, in corpus order
 * @param validation validation pairs, in corpus order; no source appears in {@code train}
 * @param droppedTooLong pairs over a length limit
 * @param droppedEmpty pairs with an empty side after normalisation
 */
public record PreparedData(
    List<TextPair> train, List<TextPair> validation, int droppedTooLong, int droppedEmpty) {
  public PreparedData {
    train = List.copyOf(train);
    validation = List.copyOf(validation);
  }

  /** Pairs kept: training plus validation. */
  public int kept() {
    return train.size() + validation.size();
  }
}
