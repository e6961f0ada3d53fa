package org.tinyseq.serve.memory;

import java.util.Arrays;

/**
 * Packed trigram → dense id, an open-addressing hash table over two flat arrays (no boxing, no
 * strings: a lookup allocates nothing). Ids are given in order of first {@link Builder#id}.
 */
final class TrigramTable {
  private static final long EMPTY = -1; // packed trigrams are never negative (63 bits)

  private final long[] keys;
  private final int[] ids;
  private final int mask;
  private final int size;

  private TrigramTable(long[] keys, int[] ids, int size) {
    this.keys = keys;
    this.ids = ids;
    this.mask = keys.length - 1;
    this.size = size;
  }

  int size() {
    return size;
  }

  /** The id of {@code trigram}, -1 when absent. */
  int get(long trigram) {
    for (int i = slot(trigram, mask); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == trigram) {
        return ids[i];
      }
      if (k == EMPTY) {
        return -1;
      }
    }
  }

  private static int slot(long trigram, int mask) {
    long h = trigram * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** Grows while ids are handed out; {@link #build} freezes it. */
  static final class Builder {
    private long[] keys = filled(64);
    private int[] ids = new int[64];
    private int size;

    /** The id of {@code trigram}, a new one (the next integer) when unseen. */
    int id(long trigram) {
      int mask = keys.length - 1;
      for (int i = slot(trigram, mask); ; i = (i + 1) & mask) {
        if (keys[i] == trigram) {
          return ids[i];
        }
        if (keys[i] == EMPTY) {
          keys[i] = trigram;
          ids[i] = size;
          if (++size * 2 > keys.length) {
            grow();
          }
          return size - 1;
        }
      }
    }

    TrigramTable build() {
      return new TrigramTable(keys, ids, size);
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldIds = ids;
      keys = filled(oldKeys.length * 2);
      ids = new int[oldKeys.length * 2];
      int mask = keys.length - 1;
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldKeys[j] != EMPTY) {
          int i = slot(oldKeys[j], mask);
          while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
          }
          keys[i] = oldKeys[j];
          ids[i] = oldIds[j];
        }
      }
    }

    private static long[] filled(int n) {
      long[] a = new long[n];
      Arrays.fill(a, EMPTY);
      return a;
    }
  }
}
