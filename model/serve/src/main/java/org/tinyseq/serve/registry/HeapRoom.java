package org.tinyseq.serve.registry;

/**
 * The heap left for loading a bundle. A bundle whose {@link HeapEstimate} does not fit what is free
 * of the maximum heap, less a reserve for serving (cache, requests, the other kinds' loads), is
 * refused before it is read: an out-of-memory error halfway through a load could hit any thread of
 * the process, not only the loader. What is free is first read as it is; only when the bundle does
 * not fit is the heap collected once (a full collection, so garbage is not mistaken for use) and
 * read again. During a hot swap the serving model still holds its share, so the new one must fit
 * beside it.
 */
final class HeapRoom {
  /** Kept free for serving, whatever the heap: 8 MiB, or 5% of a larger heap. */
  static final long MIN_RESERVE = 8L << 20;

  /** The heap as the registry reads it. */
  interface Gauge {
    long max();

    long used();

    /** A full collection (System.gc()). */
    void collect();
  }

  static final Gauge RUNTIME =
      new Gauge() {
        @Override
        public long max() {
          return Runtime.getRuntime().maxMemory();
        }

        @Override
        public long used() {
          Runtime r = Runtime.getRuntime();
          return r.totalMemory() - r.freeMemory();
        }

        @Override
        public void collect() {
          System.gc();
        }
      };

  private final Gauge gauge;

  HeapRoom(Gauge gauge) {
    this.gauge = gauge;
  }

  /** Null when a bundle needing {@code estimate} fits, else the reason to refuse it. */
  String refusal(HeapEstimate estimate) {
    long max = gauge.max();
    long reserve = Math.max(MIN_RESERVE, max / 20);
    long need = estimate.total();
    if (need <= max - gauge.used() - reserve) {
      return null;
    }
    gauge.collect();
    long free = max - gauge.used();
    if (need <= free - reserve) {
      return null;
    }
    return "needs about "
        + estimate.describe()
        + " of heap to load, but only "
        + HeapEstimate.mb(Math.max(0, free - reserve))
        + " are free of the "
        + HeapEstimate.mb(max)
        + " maximum heap (-Xmx) after a reserve of "
        + HeapEstimate.mb(reserve)
        + " for serving";
  }
}
