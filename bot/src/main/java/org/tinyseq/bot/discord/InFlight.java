package org.tinyseq.bot.discord;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts interactions being answered, so shutdown can stop taking new ones and wait for those in
 * flight.
 */
public final class InFlight {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private int count;
  private boolean closed;

  /** Registers one more interaction; false once closed. */
  public boolean tryEnter() {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      count++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  public void exit() {
    lock.lock();
    try {
      if (--count == 0) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Takes no more interactions. */
  public void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until none is in flight or {@code timeout} passed; true when idle. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long nanos = timeout.toNanos();
    lock.lock();
    try {
      while (count > 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  public int count() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }
}
