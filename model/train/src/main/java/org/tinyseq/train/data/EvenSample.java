package org.tinyseq.train.data;

import java.util.ArrayList;
import java.util.List;

/**
 * An evenly spaced sample: of {@code size} items, the ones at {@code floor(i * size / n)} for i = 0
 * .. n-1. Deterministic, and it spreads over the whole list, which matters when the list is in
 * corpus order (the dialogue corpus is sorted by topic, so its first pairs are all about action
 * films).
 */
public final class EvenSample {
  private EvenSample() {}

  /** At most {@code n} items of {@code items}, evenly spaced, in order. */
  public static <T> List<T> of(List<T> items, int n) {
    if (n >= items.size()) {
      return items;
    }
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(items.get((int) ((long) i * items.size() / n)));
    }
    return out;
  }
}
