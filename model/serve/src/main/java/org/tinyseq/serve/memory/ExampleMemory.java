package org.tinyseq.serve.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import org.tinyseq.serve.text.TextNormalizer;

/**
 * The lookup index of a bundle's example memory. A request is matched by its key (normalised,
 * lower-cased): an identical training key scores 1 (binary search over the sorted keys); otherwise
 * the score is the cosine between the character-trigram count vectors of the keys, each padded with
 * one space at both ends so that short sentences and word boundaries count. Candidates come from an
 * inverted index (trigram → the entries holding it, with counts) and precomputed entry norms, so a
 * lookup touches only entries sharing a trigram with the request. Of entries with equal scores the
 * one with the smallest key (the earliest in the file) wins; the same request always gets the same
 * answer.
 *
 * <p>Immutable and thread-safe; each thread keeps one scratch buffer per memory.
 */
public final class ExampleMemory {
  /** Counts are stored in 8 bits of a posting; both sides of the cosine cap them alike. */
  private static final int MAX_COUNT = 255;

  /** Entry ids take the other 23 bits of a posting (see {@link MemoryFile#MAX_ENTRIES}). */
  static final int MAX_ENTRIES = 1 << 23;

  private final String[] keys;
  private final String[] targets;
  private final double[] norms;
  private final TrigramTable trigrams;
  // Postings in compressed-row form: trigram t occupies [postingStart[t], postingStart[t + 1]),
  // each posting (entry << 8) | count, entries ascending.
  private final int[] postingStart;
  private final int[] postings;
  private final double threshold;
  private final ThreadLocal<Scratch> scratch;

  /**
   * @param entries keys strictly ascending ({@link String#compareTo}), targets non-empty
   * @param threshold a match scoring at least this answers a request (0 to 1)
   */
  public ExampleMemory(List<MemoryEntry> entries, double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("memory threshold must be within [0, 1]: " + threshold);
    }
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException("too many memory entries: " + entries.size());
    }
    int n = entries.size();
    this.threshold = threshold;
    this.keys = new String[n];
    this.targets = new String[n];
    this.norms = new double[n];
    long[][] grams = new long[n][];
    int[][] counts = new int[n][];
    TrigramTable.Builder ids = new TrigramTable.Builder();
    int[] perTrigram = new int[64];
    long total = 0;
    for (int i = 0; i < n; i++) {
      MemoryEntry e = entries.get(i);
      if (i > 0 && keys[i - 1].compareTo(e.key()) >= 0) {
        throw new IllegalArgumentException("memory keys are not strictly ascending at entry " + i);
      }
      keys[i] = e.key();
      targets[i] = e.target();
      Counted g = counted(trigrams(e.key()));
      grams[i] = g.grams;
      counts[i] = g.counts;
      double squares = 0;
      for (int k = 0; k < g.grams.length; k++) {
        int id = ids.id(g.grams[k]);
        if (id == perTrigram.length) {
          perTrigram = Arrays.copyOf(perTrigram, 2 * id);
        }
        perTrigram[id]++;
        int c = g.counts[k];
        squares += (double) c * c;
      }
      total += g.grams.length;
      norms[i] = Math.sqrt(squares);
    }
    this.trigrams = ids.build();
    int distinct = trigrams.size();
    postingStart = new int[distinct + 1];
    for (int t = 0; t < distinct; t++) {
      postingStart[t + 1] = postingStart[t] + perTrigram[t];
    }
    postings = new int[(int) total];
    int[] fill = Arrays.copyOf(postingStart, distinct);
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < grams[i].length; k++) {
        int t = trigrams.get(grams[i][k]);
        postings[fill[t]++] = (i << 8) | counts[i][k];
      }
    }
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(n));
  }

  /** The key of a text: {@link TextNormalizer normalised}, then lower-cased. */
  public static String key(String text) {
    return TextNormalizer.normalize(text).toLowerCase(Locale.ROOT);
  }

  /** Distinct training sources held. */
  public int size() {
    return keys.length;
  }

  /** A match scoring at least this answers a request. */
  public double threshold() {
    return threshold;
  }

  /** The answer of the memory for {@code text}: its best match when it reaches the threshold. */
  public MemoryMatch answer(String text) {
    MemoryMatch m = lookup(text);
    return m != null && m.score() >= threshold ? m : null;
  }

  /** The best match of {@code text} whatever its score; null when no entry shares a trigram. */
  public MemoryMatch lookup(String text) {
    String key = key(text);
    if (key.isEmpty() || keys.length == 0) {
      return null;
    }
    int exact = Arrays.binarySearch(keys, key);
    if (exact >= 0) {
      return new MemoryMatch(keys[exact], targets[exact], 1.0);
    }
    Scratch s = scratch.get();
    int touchedCount = accumulate(key, s);
    int best = -1;
    double bestScore = 0;
    for (int i = 0; i < touchedCount; i++) {
      int doc = s.touched[i];
      double score = s.dots[doc] / (s.queryNorm * norms[doc]);
      if (score > bestScore || (score == bestScore && doc < best)) {
        best = doc;
        bestScore = score;
      }
      s.dots[doc] = 0;
    }
    if (best < 0) {
      return null;
    }
    // Rounding can push a cosine of identical count vectors a hair above 1.
    return new MemoryMatch(keys[best], targets[best], Math.min(1.0, bestScore));
  }

  /**
   * The {@code k} best matches of {@code text}, best first (equal scores: smallest key first); an
   * identical key scores exactly 1. Entries sharing no trigram with the text are left out.
   */
  public List<MemoryMatch> top(String text, int k) {
    String key = key(text);
    if (key.isEmpty() || keys.length == 0 || k <= 0) {
      return List.of();
    }
    Scratch s = scratch.get();
    int touchedCount = accumulate(key, s);
    // A bounded heap whose head is the worst of the best k so far.
    PriorityQueue<double[]> heap =
        new PriorityQueue<>(
            Comparator.<double[]>comparingDouble(e -> e[0])
                .thenComparing(e -> -e[1], Comparator.naturalOrder()));
    for (int i = 0; i < touchedCount; i++) {
      int doc = s.touched[i];
      double score = Math.min(1.0, s.dots[doc] / (s.queryNorm * norms[doc]));
      s.dots[doc] = 0;
      double[] entry = {score, doc};
      if (heap.size() < k) {
        heap.add(entry);
      } else if (heap.comparator().compare(entry, heap.peek()) > 0) {
        heap.poll();
        heap.add(entry);
      }
    }
    List<double[]> best = new ArrayList<>(heap);
    best.sort(heap.comparator().reversed());
    int exact = Arrays.binarySearch(keys, key);
    List<MemoryMatch> out = new ArrayList<>(best.size());
    for (double[] e : best) {
      int doc = (int) e[1];
      out.add(new MemoryMatch(keys[doc], targets[doc], doc == exact ? 1.0 : e[0]));
    }
    return out;
  }

  /**
   * Adds up the dot products of {@code key}'s trigram counts with every entry sharing a trigram
   * (into {@code s.dots}), lists those entries in {@code s.touched} and sets {@code s.queryNorm};
   * returns how many entries were touched. The caller resets their dots to zero.
   */
  private int accumulate(String key, Scratch s) {
    Counted query = counted(trigrams(key));
    int[] dots = s.dots;
    int[] touched = s.touched;
    int touchedCount = 0;
    double querySquares = 0;
    for (int k = 0; k < query.grams.length; k++) {
      int q = query.counts[k];
      querySquares += (double) q * q;
      int t = trigrams.get(query.grams[k]);
      if (t < 0) {
        continue;
      }
      for (int p = postingStart[t], end = postingStart[t + 1]; p < end; p++) {
        int posting = postings[p];
        int doc = posting >>> 8;
        if (dots[doc] == 0) {
          touched[touchedCount++] = doc;
        }
        dots[doc] += q * (posting & 0xff);
      }
    }
    s.queryNorm = Math.sqrt(querySquares);
    return touchedCount;
  }

  private static boolean better(double score, int doc, double otherScore, int otherDoc) {
    return score > otherScore || (score == otherScore && doc < otherDoc);
  }

  /** The entries, in order (for copying a memory into a new bundle). */
  public List<MemoryEntry> entries() {
    MemoryEntry[] out = new MemoryEntry[keys.length];
    for (int i = 0; i < keys.length; i++) {
      out[i] = new MemoryEntry(keys[i], targets[i]);
    }
    return List.of(out);
  }

  /** The same entries with another threshold. */
  public ExampleMemory withThreshold(double newThreshold) {
    return new ExampleMemory(entries(), newThreshold);
  }

  /** Packed trigrams (three 21-bit code points) of the padded key, unsorted, with repeats. */
  static long[] trigrams(String key) {
    // A plain loop rather than codePoints(): a bundle load runs this for every entry, cold.
    int[] cps = new int[key.length() + 2];
    int n = 0;
    cps[n++] = ' ';
    for (int i = 0; i < key.length(); ) {
      int cp = key.codePointAt(i);
      cps[n++] = cp;
      i += Character.charCount(cp);
    }
    cps[n++] = ' ';
    if (n <= 2) {
      return new long[0];
    }
    cps = n == cps.length ? cps : Arrays.copyOf(cps, n);
    long[] out = new long[cps.length - 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((long) cps[i] << 42) | ((long) cps[i + 1] << 21) | cps[i + 2];
    }
    return out;
  }

  /** Distinct trigrams, sorted, with their counts (at most 255). */
  static Counted counted(long[] trigrams) {
    long[] sorted = trigrams.clone();
    Arrays.sort(sorted);
    long[] grams = new long[sorted.length];
    int[] counts = new int[sorted.length];
    int n = 0;
    for (int i = 0; i < sorted.length; ) {
      int j = i;
      while (j < sorted.length && sorted[j] == sorted[i]) {
        j++;
      }
      grams[n] = sorted[i];
      counts[n++] = Math.min(MAX_COUNT, j - i);
      i = j;
    }
    return new Counted(Arrays.copyOf(grams, n), Arrays.copyOf(counts, n));
  }

  /** Distinct trigrams and their counts. */
  record Counted(long[] grams, int[] counts) {}

  /** Per-thread accumulators, all zero between lookups. */
  private static final class Scratch {
    final int[] dots;
    final int[] touched;
    double queryNorm;

    Scratch(int n) {
      dots = new int[n];
      touched = new int[n];
    }
  }
}
