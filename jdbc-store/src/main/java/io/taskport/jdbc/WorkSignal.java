package io.taskport.jdbc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wakes the idle workers of this JVM when this store made a task due. */
final class WorkSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long generation;
  private int waiting;

  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  void wake() {
    lock.lock();
    try {
      generation++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@link #wake} is called after {@code seen} was read, or the time is up. */
  boolean awaitAfter(long seen, long nanos) throws InterruptedException {
    lock.lock();
    waiting++;
    try {
      long left = nanos;
      while (generation == seen) {
        if (left <= 0) {
          return false;
        }
        left = changed.awaitNanos(left);
      }
      return true;
    } finally {
      waiting--;
      lock.unlock();
    }
  }

  /** How many threads wait in {@link #awaitAfter} now; for tests. */
  int waiting() {
    lock.lock();
    try {
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  static long nanos(java.time.Duration d) {
    return d.compareTo(java.time.Duration.ofDays(365)) > 0
        ? TimeUnit.DAYS.toNanos(365)
        : d.toNanos();
  }
}
