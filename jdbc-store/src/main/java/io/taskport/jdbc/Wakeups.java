package io.taskport.jdbc;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * How idle workers learn that a task became due: the signal wakes those of this JVM, and on
 * PostgreSQL a {@code NOTIFY} those of other nodes, whose listener {@code LISTEN}s.
 */
final class Wakeups implements AutoCloseable {
  private final Reads reads;
  private final WorkSignal signal = new WorkSignal();
  private final @Nullable PgListener listener;
  private final @Nullable PgNotifier notifier;

  Wakeups(Jdbc jdbc, Sql sql, Reads reads, @Nullable DataSource listenSource, long notifyGapNanos) {
    this.reads = reads;
    this.listener =
        listenSource == null ? null : new PgListener(listenSource, sql.channel(), signal);
    this.notifier =
        sql.dialect().notifies() ? new PgNotifier(jdbc, sql.channel(), notifyGapNanos) : null;
  }

  /** Wakes the idle workers of this JVM at once, and on PostgreSQL those of every node. */
  void madeDue() {
    signal.wake();
    if (notifier != null) {
      notifier.request();
    }
  }

  /** Waits for work as {@link JdbcTaskStore#awaitWork} describes; the arguments are checked. */
  boolean awaitWork(List<String> sortedTypes, Duration maxWait) throws InterruptedException {
    if (listener == null) {
      return false;
    }
    long deadline = System.nanoTime() + WorkSignal.nanos(maxWait);
    try {
      if (!listener.enter(WorkSignal.nanos(maxWait))) {
        return false;
      }
      // listening from here on: a task made due later is notified, one made due earlier is seen
      long seen = signal.generation();
      if (!listener.listening()) {
        return true; // it stopped in between: the caller claims, then waits on a new listener
      }
      Duration untilDue = reads.untilNextDue(sortedTypes);
      if (untilDue != null && (untilDue.isNegative() || untilDue.isZero())) {
        return true;
      }
      long wait = deadline - System.nanoTime();
      if (untilDue != null) {
        wait = Math.min(wait, WorkSignal.nanos(untilDue));
      }
      signal.awaitAfter(seen, wait);
      return true;
    } finally {
      listener.leave();
    }
  }

  int waiting() {
    return signal.waiting();
  }

  boolean notifying() {
    return notifier != null && notifier.busy();
  }

  boolean listening() {
    return listener != null && listener.running();
  }

  /** Stops the listener, which gives its connection back, and the notifier. */
  @Override
  public void close() {
    if (listener != null) {
      listener.close();
    }
    if (notifier != null) {
      notifier.close();
    }
  }
}
