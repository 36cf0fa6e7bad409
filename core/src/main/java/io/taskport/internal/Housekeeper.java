package io.taskport.internal;

import io.taskport.Progress;
import io.taskport.Task;
import io.taskport.Messages;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskStatus;
import io.taskport.store.Fence;
import io.taskport.store.Heartbeat;
import io.taskport.store.TaskStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
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

  private final Settings settings;
  private final Map<Fence, Attempt> running;
  private final Events events;
  private final Endings endings;
  private final Executor ends;
  private volatile @Nullable Instant passSince; // when the running heartbeat pass began
  private Instant lastSweep = Instant.MIN;
  private Instant lastPurge = Instant.MIN;

  /**
   * @param ends runs the ends of timed-out attempts, so that a slow store answer never holds up
   *     the heartbeats of other attempts
   */
  Housekeeper(
      Settings settings,
      Map<Fence, Attempt> running,
      Events events,
      Endings endings,
      Executor ends) {
    this.settings = settings;
    this.running = running;
    this.events = events;
    this.endings = endings;
    this.ends = ends;
  }

  /** The heartbeat loop's pass. */
  Runnable beats() {
    long tick = Math.max(10, settings.heartbeatInterval().toMillis() / 4);
    return new Loop("heartbeat loop", this::beat, tick, settings.heartbeatInterval().toMillis());
  }

  /** The sweep loop's pass: recovery and purge, each when its interval has passed. */
  Runnable sweeps() {
    long tick = Math.max(10, settings.heartbeatInterval().toMillis() / 4);
    return new Loop("sweep loop", this::sweep, tick, settings.sweepInterval().toMillis());
  }

  private void sweep() {
    Instant now = settings.clock().instant();
    // a heartbeat pass hung on the store cannot stop what it no longer vouches for: do it here
    Instant pass = passSince;
    if (pass != null && !now.isBefore(pass.plus(settings.heartbeatInterval()))) {
      stopUnvouched(now);
    }
    if (!now.isBefore(lastSweep.plus(settings.sweepInterval()))) {
      lastSweep = now;
      recover();
      deleteDraftsOfEndedTasks();
    }
    if (!now.isBefore(lastPurge.plus(settings.sweepInterval().multipliedBy(6)))) {
      lastPurge = now;
      purge();
    }
  }

  /** Renews leases, saves progress and enforces the task timeout. */
  void beat() {
    Instant now = settings.clock().instant();
    passSince = now;
    RuntimeException first = null;
    try {
      for (Attempt a : running.values()) {
        try {
          beat(a, now);
        } catch (RuntimeException e) {
          // one attempt's trouble must not cost the others their heartbeats
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
    } finally {
      passSince = null;
    }
    if (first != null) {
      throw first;
    }
  }

  private void beat(Attempt a, Instant now) {
    if (a.isLost() || a.isEnded()) {
      return;
    }
    Duration since = Duration.between(a.lastBeat, now);
    if (a.isSettled()) {
      if (since.compareTo(settings.heartbeatInterval()) >= 0) {
        renewWhileEnding(a, now);
      }
      return;
    }
    if (!now.isBefore(a.startedAt.plus(settings.taskTimeout()))) {
      timeOut(a);
      return;
    }
    Progress p = a.currentProgress();
    boolean due = since.compareTo(settings.heartbeatInterval()) >= 0;
    boolean moved = !p.equals(a.sentProgress) && since.compareTo(settings.progressInterval()) >= 0;
    if (due || moved) {
      heartbeat(a, p, now);
    }
  }

  /**
   * Stops every attempt whose lease this node can no longer vouch for while the heartbeat pass
   * hangs: its last renewal was sent so long ago that the lease ends before a next heartbeat could
   * renew it. Stopping it before the lease ends means no other node starts the task while its
   * handler still runs here.
   */
  private void stopUnvouched(Instant now) {
    for (Attempt a : running.values()) {
      if (a.isLost() || a.isEnded()) {
        continue;
      }
      Duration sinceRenewal = Duration.between(a.lastBeat, now);
      if (sinceRenewal.plus(settings.heartbeatInterval()).compareTo(settings.lease()) >= 0) {
        log.warn("task {}: its lease ends before the next heartbeat; stopping it", a.taskId());
        stop(a);
      }
    }
  }

  private static void stop(Attempt a) {
    a.markLost();
    a.interrupt();
    if (a.isSettled()) {
      a.ended(); // its end is being written elsewhere, maybe hung: free its slots now
    }
  }

  /**
   * Keeps the lease of an attempt whose end is being written: that write may wait for a pooled
   * connection, and the lease must not run out meanwhile. Once the end is written the attempt has
   * ended and is no longer renewed. A write that takes longer than {@link #endingLimit()} is given
   * up on: the lease then runs out and the task is recovered, so no task stays RUNNING forever.
   */
  private void renewWhileEnding(Attempt a, Instant now) {
    Instant since = a.settledAt();
    if (since != null && !now.isBefore(since.plus(endingLimit()))) {
      log.warn("task {}: writing its end takes longer than {}; no longer renewing its lease",
          a.taskId(), endingLimit());
      stop(a);
      return;
    }
    try {
      settings.store().heartbeat(a.fence, a.currentProgress(), null, settings.lease());
      a.lastBeat = now;
    } catch (RuntimeException e) {
      log.debug("task {}: renewing the lease while its end is written failed", a.taskId(), e);
    }
  }

  private Duration endingLimit() {
    return settings.lease().multipliedBy(3);
  }

  private void heartbeat(Attempt a, Progress p, Instant now) {
    Heartbeat h;
    try {
      h = settings.store().heartbeat(a.fence, p, a.takeCheckpoint(), settings.lease());
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError vme) {
        throw vme;
      }
      // lastBeat is when the last renewal was sent, so the store's lease ends at or after
      // lastBeat + lease; the next try comes a heartbeat later: stop now if that is too late
      Duration sinceRenewal = Duration.between(a.lastBeat, settings.clock().instant());
      if (sinceRenewal.plus(settings.heartbeatInterval()).compareTo(settings.lease()) >= 0) {
        log.warn("task {}: its lease ends before the next heartbeat; stopping it", a.taskId(), e);
        stop(a);
      } else {
        log.warn("task {}: heartbeat failed; will retry", a.taskId(), e);
      }
      return;
    }
    switch (h) {
      case LOST -> {
        log.warn("task {}: lease lost to another worker; stopping it", a.taskId());
        stop(a);
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

  /** Fails an attempt past the task timeout: stops its handler now, writes the end apart. */
  private void timeOut(Attempt a) {
    if (!a.timeOut() || !endings.settle(a)) {
      return;
    }
    log.warn("task {} timed out after {}", a.taskId(), settings.taskTimeout());
    a.interrupt();
    String message =
        Messages.format(
            Messages.locale(a.task.locale()), "task.timedOut", settings.taskTimeout());
    Runnable end = () -> endings.fail(a, TaskError.of(TaskError.TIMEOUT, message), null);
    try {
      ends.execute(end);
    } catch (RuntimeException e) {
      end.run(); // shutting down: write it here
    }
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
