package io.taskport.internal;

import io.taskport.Progress;
import io.taskport.Subscription;
import io.taskport.Task;
import io.taskport.TaskEvent;
import io.taskport.TaskId;
import io.taskport.TaskListener;
import io.taskport.TaskStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners by task and for all tasks, called in order on one {@code taskport-events} thread so
 * that no listener runs on a caller's or worker's thread.
 */
final class Events implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Events.class);

  private final Map<TaskId, List<TaskListener>> byTask = new ConcurrentHashMap<>();
  private final List<TaskListener> all = new CopyOnWriteArrayList<>();
  // subscriptions queued but not yet registered: a change published meanwhile must still be
  // queued behind them, or it would fall between their snapshot and their registration
  private final AtomicInteger joining = new AtomicInteger();
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(new NamedThreads("taskport-events"));
  private final Clock clock;
  private volatile boolean local = true;

  Events(Clock clock) {
    this.clock = clock;
  }

  /** Stops publishing this node's own changes, because the store publishes every node's. */
  void fedByStore() {
    local = false;
  }

  /** Publishes a change this node made, unless the store publishes changes itself. */
  void changed(Task task, TaskStatus status, Progress progress) {
    if (local && hasListeners()) {
      publish(
          new TaskEvent(task.id(), task.owner(), task.type(), status, progress, clock.instant()));
    }
  }

  /**
   * Registers a listener for one task. On the events thread, so that no event falls between
   * them, the current state is read, delivered first, and the listener joins the task's
   * listeners: every later change reaches it, and none before the snapshot.
   */
  Subscription subscribe(TaskId id, TaskListener listener, Supplier<TaskEvent> snapshot) {
    AtomicBoolean open = new AtomicBoolean(true);
    joining.incrementAndGet();
    boolean queued =
        run(
            () -> {
              try {
                if (!open.get()) {
                  return;
                }
                try {
                  call(listener, snapshot.get());
                } catch (RuntimeException e) {
                  log.warn("reading task {} for a new subscriber failed", id, e);
                }
                synchronized (open) {
                  if (open.get()) {
                    byTask.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(listener);
                  }
                }
              } finally {
                joining.decrementAndGet();
              }
            });
    if (!queued) {
      joining.decrementAndGet();
    }
    return () -> {
      synchronized (open) {
        open.set(false);
        byTask.computeIfPresent(
            id,
            (k, list) -> {
              list.remove(listener);
              return list.isEmpty() ? null : list;
            });
      }
    };
  }

  Subscription subscribeAll(TaskListener listener) {
    all.add(listener);
    return () -> all.remove(listener);
  }

  boolean hasListeners() {
    return !all.isEmpty() || !byTask.isEmpty() || joining.get() > 0;
  }

  void publish(TaskEvent event) {
    if (!hasListeners()) {
      return;
    }
    run(
        () -> {
          for (TaskListener l : all) {
            call(l, event);
          }
          List<TaskListener> listeners = byTask.get(event.taskId());
          if (listeners != null) {
            for (TaskListener l : listeners) {
              call(l, event);
            }
          }
        });
  }

  private boolean run(Runnable r) {
    try {
      thread.execute(r);
      return true;
    } catch (RejectedExecutionException e) {
      log.debug("event dropped: manager closed");
      return false;
    }
  }

  private static void call(TaskListener listener, TaskEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      log.warn("task listener {} failed on an event of task {}", listener, event.taskId(), e);
    }
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
