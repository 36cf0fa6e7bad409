package io.taskport.jdbc;

import io.taskport.StoreException;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Sends the store's {@code NOTIFY} on PostgreSQL after a task became due, from one daemon thread
 * ({@code taskport-pg-notifier}) that coalesces requests: at most one notification is in flight,
 * at most one starts per gap ({@link #GAP_NANOS} but in tests), and requests made meanwhile are answered by the next
 * one. Under a steady stream of submits that is a few hundred small statements a second at most,
 * not one per task, for at most 10 ms more latency before idle workers elsewhere wake.
 *
 * <p>Not in the statement that made the task due: PostgreSQL serialises the commits of
 * transactions that notify, so a {@code pg_notify} in every {@code create} would let concurrent
 * submits commit one at a time. The notification's own transaction commits asynchronously ({@code
 * synchronous_commit = off} for that transaction only): it carries no data, and the task it
 * announces was committed durably before the request. The thread ends after five idle seconds.
 */
final class PgNotifier implements AutoCloseable {
  private static final String NOTIFY =
      "SELECT set_config('synchronous_commit', 'off', true), pg_notify(?, '')";
  private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** The least time between the starts of two notifications. */
  static final long GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final System.Logger log = System.getLogger(PgNotifier.class.getName());

  private final Jdbc jdbc;
  private final String channel;
  private final long gapNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition requested = lock.newCondition();
  private boolean pending;
  private boolean sending;
  private boolean idle;
  private boolean closed;
  private @Nullable Thread thread;
  private int failures;

  PgNotifier(Jdbc jdbc, String channel, long gapNanos) {
    this.jdbc = jdbc;
    this.channel = channel;
    this.gapNanos = gapNanos;
  }

  /** Asks for a notification; returns at once. Call it after the change has been committed. */
  void request() {
    lock.lock();
    try {
      pending = true;
      if (closed) {
        return;
      }
      if (thread == null) {
        Thread t = new Thread(this::run, "taskport-pg-notifier");
        t.setDaemon(true);
        thread = t;
        t.start();
      } else if (idle) {
        requested.signal(); // within the gap the thread looks at pending when the gap ends
      }
    } finally {
      lock.unlock();
    }
  }

  /** Whether a notification is requested or in flight; for tests. */
  boolean busy() {
    lock.lock();
    try {
      return pending || sending;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the thread, waiting up to two seconds for a notification in flight. */
  @Override
  public void close() {
    Thread t;
    lock.lock();
    try {
      closed = true;
      requested.signal();
      t = thread;
    } finally {
      lock.unlock();
    }
    awaitEnd(t);
  }

  /** Waits up to two seconds for a thread to end, unless it is the calling one. */
  static void awaitEnd(@Nullable Thread t) {
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    long sent = System.nanoTime() - gapNanos;
    while (next(sent)) {
      sent = System.nanoTime();
      try {
        jdbc.query("notify " + channel, NOTIFY, ps -> ps.setString(1, channel), rs -> 1);
        failures = 0;
      } catch (StoreException e) {
        // idle workers then find the task when their wait ends, as if they polled
        if (failures++ == 0) {
          log.log(Level.WARNING, "notifying " + channel + " failed; idle workers poll", e);
        }
      } finally {
        lock.lock();
        try {
          sending = false;
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /**
   * Waits out the gap after the notification sent at {@code sent}, then for a request; returns
   * false, and lets the thread end, when closed or idle.
   */
  private boolean next(long sent) {
    lock.lock();
    try {
      for (long gap = sent + gapNanos - System.nanoTime(); gap > 0 && !closed; ) {
        gap = requested.awaitNanos(gap);
      }
      long left = IDLE_NANOS;
      idle = true;
      while (!pending && !closed && left > 0) {
        left = requested.awaitNanos(left);
      }
      idle = false;
      if (closed || !pending) {
        thread = null;
        return false;
      }
      pending = false;
      sending = true;
      return true;
    } catch (InterruptedException e) {
      idle = false;
      thread = null;
      return false;
    } finally {
      lock.unlock();
    }
  }
}
