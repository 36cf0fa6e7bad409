package io.taskport.internal;

import io.taskport.Progress;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskStatus;
import io.taskport.store.Heartbeat;
import io.taskport.store.TaskStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code taskport-housekeeper} duties in two loops. {@link #beats()} runs every tick: it renews
 * the leases of this node's running attempts (and saves their progress) and fails attempts past
 * the task timeout. {@link #sweeps()} runs every sweep interval: it recovers the tasks of dead
 * workers, deletes the drafts of ended tasks, and purges expired tasks with their files. The loops run on separate threads, so a sweep
 * that waits for a pooled connection never delays a heartbeat, and neither shares the handlers'
 * threads.
 */
final class Housekeeper {
  private static final Logger log = LoggerFactory.getLogger(Housekeeper.class);
  private static final int BATCH = 100;
  /** Progress is saved at most this often, so a progress bar moves without flooding the store. */
  static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

  private final Settings settings;
  private final Map<io.taskport.store.Fence, Attempt> running;
  private final Events events;
  private Instant lastSweep = Instant.MIN;
  private Instant lastPurge = Instant.MIN;

  Housekeeper(Settings settings, Map<io.taskport.store.Fence, Attempt> running, Events events) {
    this.settings = settings;
    this.running = running;
    this.events = events;
  }

  /** The heartbeat loop's pass. */
  Runnable beats() {
    return () -> {
      try {
        beat();
      } catch (RuntimeException e) {
        log.warn("heartbeats failed; will try again", e);
      }
    };
  }

  /** The sweep loop's pass: recovery and purge, each when its interval has passed. */
  Runnable sweeps() {
    return () -> {
      try {
        Instant now = settings.clock().instant();
        if (!now.isBefore(lastSweep.plus(settings.sweepInterval()))) {
          lastSweep = now;
          recover();
          deleteDraftsOfEndedTasks();
        }
        if (!now.isBefore(lastPurge.plus(settings.sweepInterval().multipliedBy(6)))) {
          lastPurge = now;
          purge();
        }
      } catch (RuntimeException e) {
        log.warn("sweep failed; will try again", e);
      }
    };
  }

  /** Renews leases, saves progress and enforces the task timeout. */
  void beat() {
    Instant now = settings.clock().instant();
    for (Attempt a : running.values()) {
      if (a.isSettled()) {
        Duration since = Duration.between(a.lastBeat, now);
        if (!a.isLost() && since.compareTo(settings.heartbeatInterval()) >= 0) {
          renewWhileEnding(a, now);
        }
        continue;
      }
      if (!now.isBefore(a.startedAt.plus(settings.taskTimeout()))) {
        timeOut(a);
        continue;
      }
      Progress p = a.currentProgress();
      Duration since = Duration.between(a.lastBeat, now);
      boolean due = since.compareTo(settings.heartbeatInterval()) >= 0;
      boolean moved = !p.equals(a.sentProgress) && since.compareTo(PROGRESS_INTERVAL) >= 0;
      if (due || moved) {
        heartbeat(a, p, now);
      }
    }
  }

  /**
   * Keeps the lease of an attempt whose worker is writing its end: that write may wait for a
   * pooled connection, and the lease must not run out meanwhile. Once the end is written the
   * fence no longer matches and the renewal changes nothing, so its answer is ignored.
   */
  private void renewWhileEnding(Attempt a, Instant now) {
    try {
      settings.store().heartbeat(a.fence, a.currentProgress(), null, settings.lease());
      a.lastBeat = now;
    } catch (RuntimeException e) {
      log.debug("task {}: renewing the lease while its end is written failed", a.taskId(), e);
    }
  }

  private void heartbeat(Attempt a, Progress p, Instant now) {
    Heartbeat h;
    try {
      h = settings.store().heartbeat(a.fence, p, a.takeCheckpoint(), settings.lease());
    } catch (RuntimeException e) {
      // lastBeat is when the last renewal was sent, so the store's lease ends at or after
      // lastBeat + lease; the next try comes a heartbeat later: stop now if that is too late
      Duration sinceRenewal = Duration.between(a.lastBeat, settings.clock().instant());
      if (sinceRenewal.plus(settings.heartbeatInterval()).compareTo(settings.lease()) >= 0) {
        log.warn("task {}: its lease ends before the next heartbeat; stopping it", a.taskId(), e);
        a.markLost();
        a.interrupt();
      } else {
        log.warn("task {}: heartbeat failed; will retry", a.taskId(), e);
      }
      return;
    }
    switch (h) {
      case LOST -> {
        log.warn("task {}: lease lost to another worker; stopping it", a.taskId());
        a.markLost();
        a.interrupt();
      }
      case CANCEL_REQUESTED -> a.requestCancel();
      case ALIVE -> {}
    }
    a.lastBeat = now;
    if (!p.equals(a.sentProgress)) {
      a.sentProgress = p;
      events.changed(a.task, TaskStatus.RUNNING, p);
    }
  }

  private void timeOut(Attempt a) {
    if (!a.settle()) {
      return;
    }
    String message = "the task ran longer than " + settings.taskTimeout() + " and was stopped";
    log.warn("task {} timed out after {}", a.taskId(), settings.taskTimeout());
    if (settings.store().fail(a.fence, TaskError.of(TaskError.TIMEOUT, message), null)) {
      events.changed(a.task, TaskStatus.FAILED, a.currentProgress());
    }
    a.interrupt();
  }

  /** Returns tasks of dead workers to the queue, or fails them when their attempts are spent. */
  void recover() {
    TaskStore store = settings.store();
    List<Task> recovered;
    do {
      recovered = store.recoverExpiredLeases(BATCH);
      for (Task t : recovered) {
        log.info("task {}: its worker's lease expired; now {}", t.id(), t.status());
        events.changed(t, t.status(), t.progress());
        if (t.isTerminal()) {
          Runner.deleteLeftovers(settings, t, t.result());
        }
      }
    } while (recovered.size() == BATCH);
  }

  /**
   * Deletes the leftovers of ended tasks that still have old drafts: the worker that ended such a
   * task died before it could delete them itself.
   */
  void deleteDraftsOfEndedTasks() {
    Set<TaskId> ids;
    try {
      ids = settings.files().tasksWithDrafts(settings.lease(), BATCH);
    } catch (IOException e) {
      log.warn("listing drafts failed; will try again", e);
      return;
    }
    for (TaskId id : ids) {
      settings
          .store()
          .get(id)
          .filter(Task::isTerminal)
          .ifPresent(t -> Runner.deleteLeftovers(settings, t, t.result()));
    }
  }

  /** Deletes tasks past their retention, and their files. */
  void purge() {
    List<Task> purged;
    do {
      purged = settings.store().purgeExpired(BATCH);
      for (Task t : purged) {
        try {
          settings.files().deleteAll(t.id());
        } catch (IOException | RuntimeException e) {
          log.warn("task {} purged, but deleting its files failed", t.id(), e);
        }
      }
    } while (purged.size() == BATCH);
  }
}
