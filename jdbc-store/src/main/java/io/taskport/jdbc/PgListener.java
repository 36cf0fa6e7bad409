package io.taskport.jdbc;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * {@code LISTEN}s on PostgreSQL for the store's {@code NOTIFY} and wakes the idle workers of this
 * JVM through a {@link WorkSignal}.
 *
 * <p>One daemon thread, {@code taskport-pg-listener}, holds one connection while at least one
 * thread waits in {@link #enter} and for {@link #LINGER_NANOS} after the last one left; then it gives
 * the connection back, so a busy node holds no extra connection. A connection that breaks or
 * stops answering is dropped; the next waiter opens another after a backoff, and in between
 * {@link #enter} answers {@code false} so that callers poll. The thread only starts when the
 * driver is pgjdbc ({@code org.postgresql}); with any other, {@link #enter} always answers
 * {@code false}.
 */
final class PgListener implements AutoCloseable {
  /** How long the connection stays after the last waiter left. */
  static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

  private static final System.Logger log = System.getLogger(PgListener.class.getName());
  private static final int POLL_MILLIS = 250;
  private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final int CHECK_TIMEOUT_SECONDS = 5;

  private final DataSource source;
  private final String channel;
  private final WorkSignal signal;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition stateChanged = lock.newCondition();
  private int waiters;
  private long lastLeft;
  private @Nullable Thread thread;
  private boolean listening;
  private boolean closed;
  private boolean unsupported;
  private int failures;
  private long retryAt;

  PgListener(DataSource source, String channel, WorkSignal signal) {
    this.source = source;
    this.channel = channel;
    this.signal = signal;
  }

  /**
   * Registers a waiter, starting the listener if needed, and returns whether it listens now; waits
   * at most {@code nanos} for it to start. Every call, also one that throws, is paired with {@link
   * #leave}.
   */
  boolean enter(long nanos) throws InterruptedException {
    lock.lock();
    try {
      waiters++;
      long left = nanos;
      while (true) {
        if (listening) {
          return true;
        }
        if (closed || unsupported) {
          return false;
        }
        if (thread == null) {
          if (failures > 0 && System.nanoTime() - retryAt < 0) {
            return false; // backing off after a failure: the caller polls meanwhile
          }
          Thread t = new Thread(this::run, "taskport-pg-listener");
          t.setDaemon(true);
          thread = t;
          t.start();
        }
        if (left <= 0) {
          return false;
        }
        left = stateChanged.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Unregisters a waiter. */
  void leave() {
    lock.lock();
    try {
      waiters--;
      lastLeft = System.nanoTime();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether the listener listens now. A waiter checks it after reading the signal's generation:
   * if it still listens then, its end bumps the generation later.
   */
  boolean listening() {
    lock.lock();
    try {
      return listening;
    } finally {
      lock.unlock();
    }
  }

  private void setListening(boolean value) {
    lock.lock();
    try {
      listening = value;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the listener thread runs and holds a connection; for tests. */
  boolean running() {
    lock.lock();
    try {
      return thread != null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops the listener and waits, up to two seconds, until it has given its connection back (it
   * looks every quarter of a second), so that the caller may close the data source next.
   */
  @Override
  public void close() {
    Thread t;
    lock.lock();
    try {
      closed = true;
      stateChanged.signalAll();
      t = thread;
    } finally {
      lock.unlock();
    }
    PgNotifier.awaitEnd(t);
  }

  private void run() {
    try (Connection c = source.getConnection()) {
      if (!c.isWrapperFor(PGConnection.class)) {
        unsupported("the driver is not pgjdbc (org.postgresql)", null);
        return;
      }
      PGConnection pg = c.unwrap(PGConnection.class);
      if (!c.getAutoCommit()) {
        c.setAutoCommit(true);
      }
      try (Statement st = c.createStatement()) {
        st.execute("LISTEN " + channel);
      }
      started();
      long checked = System.nanoTime();
      while (keepListening()) {
        PGNotification[] received = pg.getNotifications(POLL_MILLIS);
        if (received != null && received.length > 0) {
          signal.wake();
        }
        if (System.nanoTime() - checked > CHECK_NANOS) {
          // a connection cut without a FIN would otherwise look quiet forever
          if (!c.isValid(CHECK_TIMEOUT_SECONDS)) {
            throw new SQLException("the LISTEN connection stopped answering", "08006");
          }
          checked = System.nanoTime();
        }
      }
      try (Statement st = c.createStatement()) {
        st.execute("UNLISTEN *");
      }
      pg.getNotifications(); // the connection goes back to its pool without stale notifications
    } catch (SQLException | RuntimeException e) {
      failed(e);
    } catch (LinkageError e) {
      unsupported("the pgjdbc driver is not on the class path", e);
    } finally {
      // in this order: a waiter that still saw this listener listening is woken, and one that
      // comes later waits for the next listener without taking this wake for a notification
      setListening(false);
      signal.wake();
      lock.lock();
      try {
        thread = null;
        stateChanged.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private void started() {
    lock.lock();
    try {
      if (failures > 0) {
        log.log(Level.INFO, "listening on {0} again after {1} failures", channel, failures);
      }
      failures = 0;
      listening = true;
      stateChanged.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private boolean keepListening() {
    lock.lock();
    try {
      boolean keep = !closed && (waiters > 0 || System.nanoTime() - lastLeft < LINGER_NANOS);
      if (!keep) {
        listening = false; // from now on a new waiter waits for the next listener
      }
      return keep;
    } finally {
      lock.unlock();
    }
  }

  private void failed(Exception e) {
    lock.lock();
    try {
      if (closed) {
        log.log(Level.DEBUG, "listening on {0} ended with the store: {1}", channel, e.toString());
        return;
      }
      failures++;
      long backoff = TimeUnit.MILLISECONDS.toNanos(100L << Math.min(failures - 1, 6));
      retryAt = System.nanoTime() + backoff;
      if (failures == 1) {
        log.log(
            Level.WARNING,
            "listening on " + channel + " failed; idle workers poll until it works again",
            e);
      } else {
        log.log(Level.DEBUG, "listening on {0} failed again: {1}", channel, e.toString());
      }
    } finally {
      lock.unlock();
    }
  }

  private void unsupported(String why, @Nullable Throwable e) {
    lock.lock();
    try {
      unsupported = true;
      log.log(Level.WARNING, "not listening for new tasks: " + why + "; idle workers poll", e);
    } finally {
      lock.unlock();
    }
  }
}
