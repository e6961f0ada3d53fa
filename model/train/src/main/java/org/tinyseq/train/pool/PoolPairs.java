package org.tinyseq.train.pool;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.data.TextPair;

/**
 * The message-reply pairs of a pool, normalised as training normalises them, in corpus order. A
 * pool holds every pair, whatever its length (a model's length limits are for training, not for
 * retrieval): {@link #all} the corpus, or {@link #training} everything but a model's validation
 * groups, so that an evaluation on that split never retrieves the very reply it is scored against.
 */
public final class PoolPairs {
  private PoolPairs() {}

  /** Which pairs of the corpus a pool holds. */
  public enum Split {
    /** Every pair: the pool a served bundle carries. */
    ALL,
    /** Every pair outside the model's validation conversations: for evaluation. */
    TRAIN
  }

  /** Every pair of {@code corpus} (normalised; empty sides dropped; no length limit). */
  public static List<TextPair> all(Corpus corpus, DataOptions modelOptions) {
    return DataPipeline.prepare(corpus, everything(modelOptions)).train();
  }

  /**
   * Every pair of {@code corpus} outside the validation groups (conversations, or source sentences)
   * of the split {@code modelOptions} makes: the same split the model was trained and evaluated on.
   */
  public static List<TextPair> training(Corpus corpus, DataOptions modelOptions) {
    PreparedData split = DataPipeline.prepare(corpus, modelOptions);
    Set<String> held = new HashSet<>();
    for (TextPair pair : split.validation()) {
      // A reverse model's split swapped the sides; its groups are the corpus's own direction.
      held.add(
          DataPipeline.groupKey(
              modelOptions.reverse() ? pair.withTexts(pair.target(), pair.source()) : pair));
    }
    return all(corpus, modelOptions).stream()
        .filter(p -> !held.contains(DataPipeline.groupKey(p)))
        .toList();
  }

  /** The pairs of {@code split}. */
  public static List<TextPair> of(Split split, Corpus corpus, DataOptions modelOptions) {
    return split == Split.ALL ? all(corpus, modelOptions) : training(corpus, modelOptions);
  }

  /** The model's normalisation, no split, no length limit, no lower-cased copies, not reversed. */
  private static DataOptions everything(DataOptions o) {
    return new DataOptions(o.seed(), 0, o.simplified(), 0, 0, 0, false);
  }
}
