package io.taskport.internal;

import static java.util.Objects.requireNonNull;

import io.taskport.AdminQuery;
import io.taskport.MessageKey;
import io.taskport.Page;
import io.taskport.QueueStats;
import io.taskport.Task;
import io.taskport.TaskAdmin;
import io.taskport.TaskCount;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskNotFoundException;
import io.taskport.TaskQuery;
import io.taskport.TaskStateException;
import io.taskport.TaskStatus;
import io.taskport.store.CancelOutcome;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link TaskAdmin} of a {@link TaskEngine}. */
final class Admin implements TaskAdmin {
  private static final Logger log = LoggerFactory.getLogger(Admin.class);
  private static final int PURGE_BATCH = 100;

  private final Settings settings;
  private final TaskManager manager;
  private final Events events;
  private final Runnable wake;

  Admin(Settings settings, TaskManager manager, Events events, Runnable wake) {
    this.settings = settings;
    this.manager = manager;
    this.events = events;
    this.wake = wake;
  }

  @Override
  public Page<Task> list(AdminQuery query) {
    return settings.store().listAll(requireNonNull(query, "query"));
  }

  @Override
  public Task get(TaskId id) {
    requireNonNull(id, "id");
    return settings.store().get(id).orElseThrow(() -> new TaskNotFoundException(id));
  }

  @Override
  public Task retry(TaskId id) {
    Task before = get(id);
    if (before.status() != TaskStatus.FAILED) {
      throw notFailed(before);
    }
    if (!settings.store().retry(id, settings.maxAttempts())) {
      Task now = get(id);
      if (now.status() != TaskStatus.FAILED) {
        throw notFailed(now);
      }
      throw new TaskStateException(
          id,
          now.status(),
          MessageKey.of("admin.retryDedup", id));
    }
    Task after = get(id);
    log.info("task {} retried by an operator; attempts now {}", id, after.attempts());
    events.changed(after, TaskStatus.PENDING, after.progress());
    wake.run();
    return after;
  }

  private static TaskStateException notFailed(Task t) {
    return new TaskStateException(
        t.id(), t.status(), MessageKey.of("admin.retryNotFailed", t.id(), t.status()));
  }

  @Override
  public CancelOutcome cancel(TaskId id) {
    return manager.cancel(id, get(id).owner());
  }

  @Override
  public void delete(TaskId id) {
    manager.delete(id, get(id).owner());
  }

  @Override
  public int purgeNow() {
    int total = 0;
    List<Task> purged;
    do {
      purged = settings.store().purgeExpired(PURGE_BATCH);
      for (Task t : purged) {
        try {
          TaskFiles.deleteAll(settings, t);
        } catch (IOException | RuntimeException e) {
          log.warn("task {} purged, but deleting its files failed", t.id(), e);
        }
      }
      total += purged.size();
    } while (purged.size() == PURGE_BATCH);
    return total;
  }

  @Override
  public List<TaskCount> counts() {
    return settings.store().counts();
  }

  @Override
  public List<io.taskport.OwnerCount> activeOwners(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    return settings.store().activeOwners(limit);
  }

  @Override
  public java.util.Map<String, String> rules() {
    return settings.scheduling().describe(settings.typeLimits());
  }

  @Override
  public QueueStats stats(Duration window) {
    requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    Instant now = settings.clock().instant();
    Instant from = now.minus(window);
    AdminQuery q = AdminQuery.all().created(from, null).limit(TaskQuery.MAX_LIMIT);
    int sampled = 0;
    int waiting = 0;
    int started = 0;
    int completed = 0;
    int failed = 0;
    long waitSum = 0;
    Duration longest = null;
    Page<Task> page;
    do {
      page = list(q);
      for (Task t : page.items()) {
        if (sampled == STATS_SAMPLE) {
          break;
        }
        sampled++;
        // queue wait: from creation to the first claim; later attempts waited for a retry
        Duration wait = null;
        if (t.attempts().current() == 0) {
          waiting++;
          wait = Duration.between(t.createdAt(), now);
        } else if (t.attempts().current() == 1 && t.startedAt() != null) {
          started++;
          wait = Duration.between(t.createdAt(), t.startedAt());
          waitSum += wait.toMillis();
        }
        if (wait != null && (longest == null || wait.compareTo(longest) > 0)) {
          longest = wait;
        }
        boolean finishedInWindow = t.finishedAt() != null && !t.finishedAt().isBefore(from);
        if (finishedInWindow && t.status() == TaskStatus.COMPLETED) {
          completed++;
        } else if (finishedInWindow && t.status() == TaskStatus.FAILED) {
          failed++;
        }
      }
      q = q.after(page.next());
    } while (page.hasNext() && sampled < STATS_SAMPLE);
    Duration average = started == 0 ? null : Duration.ofMillis(waitSum / started);
    double perMinute = (completed + failed) * 60_000.0 / window.toMillis();
    return new QueueStats(
        window, sampled, waiting, average, longest, completed, failed, perMinute);
  }
}
