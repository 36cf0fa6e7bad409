package io.taskport.internal;

import io.taskport.Messages;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskError;
import io.taskport.TaskStatus;
import io.taskport.ValidationException;
import io.taskport.store.ClaimRules;
import io.taskport.store.Fence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code taskport-poller} loop: waits for a free slot, claims a due task of a type this node
 * runs, and hands it to the executor. A {@link Semaphore} bounds concurrency whatever the
 * executor, and per-type semaphores bound single types.
 */
final class Dispatcher implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final Settings settings;
  private final Runner runner;
  private final Endings endings;
  private final Executor executor;
  private final ParamsBinder binder;
  private final Events events;
  private final Map<Fence, Attempt> running = new ConcurrentHashMap<>();
  private final Set<TaskId> handling = ConcurrentHashMap.newKeySet(); // handlers not yet returned
  private final Object starting = new Object();
  private boolean sealed; // guarded by starting
  private int taken; // slots held by the attempts the current batch started
  private long lastLoopReport;
  private final Semaphore slots;
  private final Map<String, Semaphore> typeSlots = new HashMap<>();
  private final Set<String> types = new HashSet<>();
  private final Semaphore wake = new Semaphore(0);
  private final ClaimRules claimRules;
  private volatile boolean stopping;
  private volatile @Nullable Thread waiter;
  private int claimFailures;
  private boolean shortBatch; // the last claim found fewer due tasks than it asked for
  private boolean heldBack; // the last claim handed back a lost task that must run apart

  Dispatcher(
      Settings settings,
      Runner runner,
      Endings endings,
      Executor executor,
      ParamsBinder binder,
      Events events) {
    this.settings = settings;
    this.runner = runner;
    this.endings = endings;
    this.executor = executor;
    this.binder = binder;
    this.events = events;
    this.slots = new Semaphore(settings.workers());
    types.addAll(settings.exports().keySet());
    types.addAll(settings.imports().keySet());
    settings.typeLimits().forEach((type, max) -> typeSlots.put(type, new Semaphore(max)));
    this.claimRules = settings.scheduling().claim();
  }

  /** Running attempts by fence: a zombie attempt and its successor on this node are apart. */
  Map<Fence, Attempt> running() {
    return running;
  }

  /** Makes the loop look for work now, after a local submit. */
  void wake() {
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  /**
   * After this, no attempt starts here: a claim still in flight hands its tasks back. Called by
   * close() once it stopped waiting for the poller, so that it drains everything that runs.
   */
  void seal() {
    synchronized (starting) {
      sealed = true;
    }
  }

  void stop() {
    stopping = true;
    wake();
    Thread t = waiter;
    if (t != null) {
      t.interrupt(); // ends a wait on the store; a claim in flight is never interrupted
    }
  }

  @Override
  public void run() {
    while (!stopping) {
      try {
        if (!slots.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
          continue;
        }
        // one claim fills every free slot: a batch costs one store round trip
        int free = 1 + slots.drainPermits();
        taken = 0;
        int outcome;
        try {
          outcome = claimBatch(free);
        } finally {
          slots.release(free - taken);
        }
        if (outcome < 0) {
          idle(Math.min(claimFailures, 5)); // the store is down: back off
        } else if (heldBack) {
          // claiming now would take the handed-back task again: wait until a lost task here ends
          idle(0);
        } else if (shortBatch) {
          idle(); // nothing more is due: asking again now would cost a round trip for nothing
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable e) {
        if (!survive(e)) {
          return;
        }
      }
    }
  }

  /** Logs what broke a pass of the loop (at most once a minute), backs off, and goes on. */
  private boolean survive(Throwable e) {
    long now = System.nanoTime();
    if (lastLoopReport == 0 || now - lastLoopReport > 60_000_000_000L) {
      lastLoopReport = now;
      log.warn("the poller loop failed; it goes on", e);
    } else {
      log.debug("the poller loop failed again: {}", e.toString());
    }
    try {
      idle(Math.min(++claimFailures, 5));
      return true;
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Claims up to {@code max} tasks and dispatches them, counting the slots they hold in {@link
   * #taken} (a task rejected for its params holds none); returns -1 when the store failed.
   */
  private int claimBatch(int max) throws InterruptedException {
    shortBatch = true;
    heldBack = false;
    Set<String> claimable = claimableTypes();
    if (claimable.isEmpty() || stopping) {
      return 0;
    }
    List<Task> claimed;
    int asked = cap(claimable, max);
    // the leases run from the claim, not from the start: binding the params of a cold handler can
    // take a good part of a short lease, and the first heartbeat must come within it
    Instant claimedAt = settings.clock().instant();
    try {
      claimed = settings.store().claim(settings.workerId(), claimable, settings.lease(), asked, claimRules);
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError vme) {
        throw vme;
      }
      // the store is down: back off, and log the cause once rather than on every poll
      if (claimFailures++ == 0) {
        log.warn("claiming a task failed; retrying with backoff until the store answers", e);
      } else {
        log.debug("claiming a task failed again ({} times): {}", claimFailures, e.toString());
      }
      return -1;
    }
    if (claimFailures > 0) {
      log.info("claiming works again after {} failures", claimFailures);
      claimFailures = 0;
    }
    shortBatch = claimed.size() < asked;
    claimed = keepLostApart(claimed);
    // settle every task of the batch that cannot run before starting any: a handler that brings
    // the node down must not take the rejection of a co-claimed task with it
    List<Attempt> prepared = new ArrayList<>(claimed.size());
    for (Task task : claimed) {
      try {
        Attempt a = prepare(task, claimedAt);
        if (a != null) {
          prepared.add(a);
        }
      } catch (RuntimeException e) {
        // the task stays RUNNING until its lease ends, then any node recovers it
        log.warn("task {} could not be started; its lease will be recovered", task.id(), e);
      }
    }
    for (Attempt a : prepared) {
      try {
        if (start(a)) {
          taken++;
        }
      } catch (RuntimeException e) {
        log.warn("task {} could not be started; its lease will be recovered", a.taskId(), e);
      }
    }
    return 0;
  }

  /** Hands back the tasks of a batch that must not run beside a lost task running here. */
  private List<Task> keepLostApart(List<Task> claimed) {
    List<Task> kept = LostTasks.keepApart(claimed, running.values());
    if (kept.size() < claimed.size()) {
      heldBack = true;
      for (Task task : claimed) {
        if (!kept.contains(task)) {
          try {
            settings.store().release(task.fence());
          } catch (RuntimeException e) {
            log.debug("handing back task {} failed; its lease will be recovered", task.id(), e);
          }
        }
      }
    }
    return kept;
  }

  /** Keeps a batch within the free slots of every limited type it may contain. */
  private int cap(Set<String> claimable, int max) {
    int n = max;
    for (String type : claimable) {
      Semaphore s = typeSlots.get(type);
      if (s != null) {
        n = Math.min(n, Math.max(1, s.availablePermits()));
      }
    }
    return n;
  }

  /**
   * Takes a type slot for a claimed task and binds its params; returns the attempt to start, or
   * null when the task was handed back or failed for its params.
   */
  private @Nullable Attempt prepare(Task task, Instant claimedAt) {
    if (handling.contains(task.id())) {
      // an earlier attempt's handler still runs here (it ignored an interrupt): never run a task
      // twice at once on one node; another node may take it
      heldBack = true;
      settings.store().release(task.fence());
      return null;
    }
    Semaphore typeSlot = typeSlots.get(task.type());
    if (typeSlot != null && !typeSlot.tryAcquire()) {
      settings.store().release(task.fence());
      return null;
    }
    try {
      return new Attempt(task, HandlerParams.bind(settings, binder, task), claimedAt);
    } catch (RuntimeException e) {
      if (typeSlot != null) {
        typeSlot.release();
      }
      if (e instanceof ValidationException v) {
        rejectParams(task, v);
        return null;
      }
      throw e;
    }
  }

  /** Starts a prepared attempt; returns whether it took a slot (ending it frees that). */
  private boolean start(Attempt attempt) {
    Task task = attempt.task;
    synchronized (starting) {
      if (sealed) {
        releaseTypeSlot(task.type());
        settings.store().release(task.fence()); // claimed while close() ran: hand it back
        return false;
      }
      attempt.onEnd(() -> end(attempt));
      running.put(attempt.fence, attempt);
    }
    events.changed(task, TaskStatus.RUNNING, task.progress());
    try {
      executor.execute(() -> runAndRelease(attempt));
    } catch (RuntimeException e) {
      // RejectedExecutionException, or anything else a custom executor throws
      log.warn("executor refused task {}; handing it back", task.id(), e);
      if (endings.settle(attempt)) {
        endings.release(attempt, Endings.TRIES);
      }
    }
    return true;
  }

  private void runAndRelease(Attempt attempt) {
    handling.add(attempt.taskId());
    try {
      runner.run(attempt);
    } finally {
      handling.remove(attempt.taskId());
      // an end written on another thread (a timeout, a hand-back) ends the attempt there
      if (!attempt.isSettled() || attempt.settledHere() || attempt.isLost()) {
        attempt.ended();
      }
      if (LostTasks.lost(attempt.task)) {
        wake(); // a lost task handed back for this one may run now
      }
    }
  }

  /** The attempt ended here: stop renewing its lease and free its slots. */
  private void end(Attempt attempt) {
    running.remove(attempt.fence);
    releaseTypeSlot(attempt.task.type());
    slots.release();
  }

  private void releaseTypeSlot(String type) {
    Semaphore typeSlot = typeSlots.get(type);
    if (typeSlot != null) {
      typeSlot.release();
    }
  }

  private Set<String> claimableTypes() {
    if (typeSlots.isEmpty()) {
      return types;
    }
    Set<String> free = new HashSet<>();
    for (String type : types) {
      Semaphore s = typeSlots.get(type);
      if (s == null || s.availablePermits() > 0) {
        free.add(type);
      }
    }
    return free;
  }

  private void rejectParams(Task task, ValidationException e) {
    log.info("task {} has params its handler cannot bind; failed without retry", task.id());
    TaskError error =
        TaskError.of(TaskError.INVALID_INPUT, e.getMessage(Messages.locale(task.locale())));
    if (settings.store().fail(task.fence(), error, null)) {
      events.changed(task, TaskStatus.FAILED, task.progress());
    }
  }

  /** Waits for work: on the store when it can tell, else a poll interval or until woken. */
  private void idle() throws InterruptedException {
    if (wake.tryAcquire()) {
      wake.drainPermits();
      return;
    }
    Set<String> claimable = claimableTypes();
    if (!claimable.isEmpty() && awaitOnStore(claimable)) {
      return;
    }
    idle(0);
  }

  private boolean awaitOnStore(Set<String> claimable) throws InterruptedException {
    waiter = Thread.currentThread();
    try {
      if (stopping) {
        return true;
      }
      return settings.store().awaitWork(claimable, settings.pollInterval());
    } catch (RuntimeException e) {
      log.debug("waiting for work on the store failed: {}", e.toString());
      return false;
    } finally {
      waiter = null;
    }
  }

  /** Waits a poll interval, doubled {@code doublings} times, plus jitter, or until woken. */
  private void idle(int doublings) throws InterruptedException {
    long base = settings.pollInterval().toMillis() << doublings;
    long jitter = ThreadLocalRandom.current().nextLong(base / 10 + 1);
    if (wake.tryAcquire(base + jitter, TimeUnit.MILLISECONDS)) {
      wake.drainPermits();
    }
  }

  /** Returns whether every running attempt has finished, waiting at most {@code timeout}. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!running.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      // a worker releases a slot when it ends; waiting for all slots means all ended
      if (slots.tryAcquire(settings.workers(), Math.min(left, 50_000_000L), TimeUnit.NANOSECONDS)) {
        slots.release(settings.workers());
        return running.isEmpty();
      }
    }
    return true;
  }
}
