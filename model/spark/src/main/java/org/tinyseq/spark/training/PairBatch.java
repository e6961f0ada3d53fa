package org.tinyseq.spark.training;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.tinyseq.train.training.EncodedPair;

/**
 * The encoded pairs of one batch (or one worker's part of a batch), shipped with the task that
 * computes it: the driver keeps the data and sends each round only the batches it needs.
 */
record PairBatch(int[][] sources, int[][] targets) implements Serializable {

  static PairBatch of(List<EncodedPair> pairs, int[] indices) {
    int[][] s = new int[indices.length][];
    int[][] t = new int[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      s[i] = pairs.get(indices[i]).source();
      t[i] = pairs.get(indices[i]).target();
    }
    return new PairBatch(s, t);
  }

  int size() {
    return sources.length;
  }

  List<EncodedPair> pairs() {
    List<EncodedPair> out = new ArrayList<>(sources.length);
    for (int i = 0; i < sources.length; i++) {
      out.add(new EncodedPair(sources[i], targets[i]));
    }
    return out;
  }
}
