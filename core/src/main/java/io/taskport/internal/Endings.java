package io.taskport.internal;

import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.store.TaskStore;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way an attempt ends: completed, failed (a timeout too), cancelled or handed back. The
 * caller first {@link #settle settles} the attempt; the end is then written fenced, retried a
 * few times while the store fails, and whatever the store said the attempt stops on this node:
 * its handler is interrupted, its lease is no longer renewed and its slots are free. A task whose
 * end could not be written stays RUNNING until its lease expires, and is then recovered by any
 * node like a lost task.
 */
final class Endings {
  private static final Logger log = LoggerFactory.getLogger(Endings.class);
  static final int TRIES = 5;

  /** How writing an end turned out. */
  enum Outcome {
    /** The store accepted the end. */
    WRITTEN,
    /** The fence no longer matched: another worker holds the task now. */
    STALE,
    /** The store failed on every try; the lease will expire. */
    UNWRITTEN
  }

  @FunctionalInterface
  private interface Write {
    boolean to(TaskStore store);
  }

  private final Settings settings;
  private final Events events;

  Endings(Settings settings, Events events) {
    this.settings = settings;
    this.events = events;
  }

  /** Claims the right to end the attempt; only the first caller may then call an end method. */
  boolean settle(Attempt a) {
    return a.settle(settings.clock().instant());
  }

  Outcome complete(Attempt a, TaskResult result) {
    return end(
        a,
        TaskStatus.COMPLETED,
        "completion",
        s -> s.complete(a.fence, result, a.currentProgress()),
        t -> t.status() == TaskStatus.COMPLETED && result.equals(t.result()));
  }

  Outcome fail(Attempt a, TaskError error, @Nullable Duration retryAfter) {
    TaskStatus next = retryAfter == null ? TaskStatus.FAILED : TaskStatus.PENDING;
    return end(
        a,
        next,
        retryAfter == null ? "failure" : "retry",
        s -> s.fail(a.fence, error, retryAfter),
        t -> t.status() == next && t.error() != null && error.code().equals(t.error().code()));
  }

  Outcome cancelled(Attempt a) {
    return end(
        a,
        TaskStatus.CANCELLED,
        "cancellation",
        s -> s.cancelled(a.fence),
        t -> t.status() == TaskStatus.CANCELLED);
  }

  /** Hands the task back uncounted, for a node that shuts down. */
  Outcome release(Attempt a) {
    return end(
        a,
        TaskStatus.PENDING,
        "hand-back",
        s -> s.release(a.fence),
        t -> t.status() == TaskStatus.PENDING && t.attempts().current() == a.attempt() - 1);
  }

  private Outcome end(
      Attempt a, TaskStatus next, String what, Write write, Predicate<Task> landed) {
    if (!a.isSettled()) {
      throw new IllegalStateException("attempt " + a.fence + " was not settled");
    }
    try {
      Outcome o = write(a, what, write, landed);
      switch (o) {
        case WRITTEN -> events.changed(a.task, next, a.currentProgress());
        case STALE -> log.warn(
            "task {}: its {} was refused; its lease had passed to another worker", a.taskId(), what);
        case UNWRITTEN -> {}
      }
      return o;
    } finally {
      if (!a.isHandlerThread()) {
        a.interrupt();
      }
      a.ended();
    }
  }

  private Outcome write(Attempt a, String what, Write write, Predicate<Task> landed) {
    TaskStore store = settings.store();
    Throwable last = null;
    for (int i = 0; i < TRIES; i++) {
      try {
        if (write.to(store)) {
          return Outcome.WRITTEN;
        }
        // a try that failed may have landed with its answer lost: it reads back as our own end
        if (last != null
            && store.get(a.taskId()).filter(t -> mine(t, a) && landed.test(t)).isPresent()) {
          return Outcome.WRITTEN;
        }
        return Outcome.STALE;
      } catch (RuntimeException e) {
        last = e;
        log.debug("task {}: writing its {} failed (try {} of {}): {}", a.taskId(), what, i + 1,
            TRIES, e.toString());
        if (i + 1 < TRIES) {
          long wait = Math.min(settings.pollInterval().toNanos() << i,
              settings.lease().toNanos() / 4);
          LockSupport.parkNanos(wait);
        }
      } catch (Error e) {
        last = e;
        if (e instanceof VirtualMachineError) {
          throw e;
        }
        break; // not a transient fault: trying again would not help
      }
    }
    log.warn(
        "task {}: its {} could not be written; it stays RUNNING until its lease expires, then it "
            + "is recovered like a lost task",
        a.taskId(),
        what,
        last);
    return Outcome.UNWRITTEN;
  }

  private static boolean mine(Task t, Attempt a) {
    // a hand-back puts the attempt count back; every other end keeps it
    int current = t.attempts().current();
    return current == a.attempt() || current == a.attempt() - 1;
  }
}
