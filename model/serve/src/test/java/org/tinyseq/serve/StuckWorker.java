package org.tinyseq.serve;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A listener that holds the decode worker of the first batch until {@link #release}: with one
 * decoder thread, every later request waits in the queue meanwhile. Records every batch's size.
 */
final class StuckWorker implements ServiceListener {
  final CountDownLatch entered = new CountDownLatch(1);
  final List<Integer> batches = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);

  @Override
  public void onBatch(int size) {
    batches.add(size);
    if (entered.getCount() > 0) {
      entered.countDown();
      try {
        released.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits until the worker holds the first batch. */
  void awaitStuck() throws InterruptedException {
    if (!entered.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the worker never took the first request");
    }
  }

  void release() {
    released.countDown();
  }
}
