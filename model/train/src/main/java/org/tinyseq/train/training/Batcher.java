package org.tinyseq.train.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.nd4j.linalg.factory.Nd4j;
import org.tinyseq.serve.text.Vocabulary;
import org.tinyseq.train.model.Batch;
import org.tinyseq.train.model.GraphFactory;

/**
 * Cuts the training pairs into padded batches. With bucketing (the default), each epoch shuffles
 * the pairs (seeded by seed and epoch, so a resumed run sees the same order), groups them by
 * length, sorts them by target length within chunks of {@link #CHUNK_BATCHES} batches, cuts the
 * chunks into batches and shuffles the batch order: batches hold pairs of similar length, so little
 * padding is computed, while the order stays random.
 *
 * <p>For the LSTM with teacher forcing the groups are of <em>exactly</em> equal source length, so
 * no encoder step is spent on padding and no mask is applied; the few leftover pairs of each length
 * make smaller batches. Unrolled graphs, built per padded length, take pairs sorted by source
 * length.
 *
 * <p>Without bucketing every batch is padded to the fixed maximum lengths (the Keras example's
 * behaviour; the throughput benchmark's baseline).
 */
public final class Batcher {
  static final int CHUNK_BATCHES = 50;

  private final List<EncodedPair> pairs;
  private final int batchSize;
  private final boolean bucketing;
  private final int maxSourceLength;
  private final int maxTargetSteps;
  private final GraphFactory graphs;
  private final boolean maskSourcePadding;

  /**
   * @param maxTargetSteps longest decoder run: target characters + 1
   */
  public Batcher(
      List<EncodedPair> pairs,
      int batchSize,
      boolean bucketing,
      int maxSourceLength,
      int maxTargetSteps,
      GraphFactory graphs) {
    this(pairs, batchSize, bucketing, maxSourceLength, maxTargetSteps, graphs, true);
  }

  private Batcher(
      List<EncodedPair> pairs,
      int batchSize,
      boolean bucketing,
      int maxSourceLength,
      int maxTargetSteps,
      GraphFactory graphs,
      boolean maskSourcePadding) {
    this.maskSourcePadding = maskSourcePadding;
    this.pairs = pairs;
    this.batchSize = batchSize;
    this.bucketing = bucketing;
    this.maxSourceLength = maxSourceLength;
    this.maxTargetSteps = maxTargetSteps;
    this.graphs = graphs;
  }

  /**
   * The same batches, but the encoder reads the source padding as input, as the Keras example does
   * (for the throughput benchmark's baseline; a model trained so would not match the served one).
   */
  public Batcher withUnmaskedSourcePadding() {
    return new Batcher(pairs, batchSize, bucketing, maxSourceLength, maxTargetSteps, graphs, false);
  }

  public int pairCount() {
    return pairs.size();
  }

  /** The batches of one epoch, as index lists into the pairs; same seed and epoch, same order. */
  public List<int[]> epochPlan(long seed, int epoch) {
    Random random = new Random(seed * 1_000_003L + epoch);
    List<Integer> order = new ArrayList<>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    List<int[]> batches = new ArrayList<>();
    if (!bucketing) {
      cut(order, batches);
      return batches;
    }
    for (List<Integer> group : groups(order)) {
      for (int start = 0; start < group.size(); start += batchSize * CHUNK_BATCHES) {
        List<Integer> chunk =
            new ArrayList<>(
                group.subList(start, Math.min(group.size(), start + batchSize * CHUNK_BATCHES)));
        chunk.sort(
            Comparator.<Integer>comparingInt(i -> pairs.get(i).source().length)
                .thenComparingInt(i -> pairs.get(i).target().length));
        cut(chunk, batches);
      }
    }
    Collections.shuffle(batches, random);
    return batches;
  }

  /**
   * The pairs in {@code order} split into groups that may share a batch, each in its given order:
   * groups of equal source length for the LSTM, else one group.
   */
  private List<List<Integer>> groups(List<Integer> order) {
    if (graphs.unrolled()) {
      return List.of(order);
    }
    TreeMap<Integer, List<Integer>> byLength = new TreeMap<>();
    for (int i : order) {
      byLength.computeIfAbsent(pairs.get(i).source().length, k -> new ArrayList<>()).add(i);
    }
    return new ArrayList<>(byLength.values());
  }

  private void cut(List<Integer> part, List<int[]> batches) {
    for (int b = 0; b < part.size(); b += batchSize) {
      batches.add(
          part.subList(b, Math.min(part.size(), b + batchSize)).stream()
              .mapToInt(Integer::intValue)
              .toArray());
    }
  }

  /** Batches over all pairs (validation), grouped and sorted by length for little padding. */
  public List<int[]> sequentialPlan() {
    List<Integer> order = new ArrayList<>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      order.add(i);
    }
    List<int[]> batches = new ArrayList<>();
    if (!bucketing) {
      cut(order, batches);
      return batches;
    }
    for (List<Integer> group : groups(order)) {
      List<Integer> sorted = new ArrayList<>(group);
      sorted.sort(Comparator.comparingInt(i -> pairs.get(i).target().length));
      cut(sorted, batches);
    }
    return batches;
  }

  /** The (source, target) steps the batch of {@code indices} is padded to. */
  public int[] paddedSteps(int[] indices) {
    if (!bucketing) {
      return new int[] {maxSourceLength, maxTargetSteps};
    }
    int ts = 1;
    int tt = 1;
    for (int i : indices) {
      ts = Math.max(ts, pairs.get(i).source().length);
      tt = Math.max(tt, pairs.get(i).target().length + 1);
    }
    return new int[] {
      graphs.paddedLength(ts, maxSourceLength), graphs.paddedLength(tt, maxTargetSteps)
    };
  }

  /** Builds the padded arrays of one batch. */
  public Batch batch(int[] indices) {
    int n = indices.length;
    int[] steps = paddedSteps(indices);
    int ts = steps[0];
    int tt = steps[1];
    int[] src = new int[n * ts];
    int[] srcLen = new int[n];
    float[] srcMask = new float[n * ts];
    int[] decIn = new int[n * tt];
    int[] labels = new int[n * tt];
    float[] labelMask = new float[n * tt];
    int tokens = 0;
    for (int r = 0; r < n; r++) {
      EncodedPair p = pairs.get(indices[r]);
      int sl = Math.min(p.source().length, ts);
      System.arraycopy(p.source(), 0, src, r * ts, sl);
      int read = maskSourcePadding ? sl : ts; // steps the encoder reads
      Arrays.fill(srcMask, r * ts, r * ts + read, 1f);
      srcLen[r] = read;
      int tl = Math.min(p.target().length, tt - 1);
      decIn[r * tt] = Vocabulary.START;
      System.arraycopy(p.target(), 0, decIn, r * tt + 1, tl);
      System.arraycopy(p.target(), 0, labels, r * tt, tl);
      labels[r * tt + tl] = Vocabulary.END;
      Arrays.fill(labelMask, r * tt, r * tt + tl + 1, 1f);
      tokens += tl + 1;
    }
    return new Batch(
        Nd4j.createFromArray(src).reshape(n, ts),
        Nd4j.createFromArray(srcLen),
        Nd4j.createFromArray(srcMask).reshape(n, ts),
        Nd4j.createFromArray(decIn).reshape(n, tt),
        Nd4j.createFromArray(labels),
        Nd4j.createFromArray(labelMask),
        n,
        tokens);
  }
}
