package io.taskport.store;

import static java.util.Objects.requireNonNull;

import io.taskport.AdminQuery;
import io.taskport.Attempts;
import io.taskport.Lease;
import io.taskport.OwnerCount;
import io.taskport.Page;
import io.taskport.Progress;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskCount;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskQuery;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A {@link TaskStore} in the heap of one JVM: the embedded default for tests, demos and
 * single-node applications. Tasks are lost when the JVM exits.
 *
 * <p>Thread-safe: every method holds one lock for a few index operations, and never calls out
 * while holding it. Time comes from the {@link Clock} given, so tests can drive it.
 */
public final class InMemoryTaskStore implements TaskStore {
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final MemoryIndex index = new MemoryIndex();

  /** Creates a store on the system clock in UTC. */
  public InMemoryTaskStore() {
    this(Clock.systemUTC());
  }

  /** Creates a store that reads time from the given clock. */
  public InMemoryTaskStore(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Submission create(NewTask n) {
    requireNonNull(n, "task");
    lock.lock();
    try {
      if (index.get(n.id()) != null) {
        throw new IllegalArgumentException("task " + n.id() + " already exists");
      }
      String activeKey = n.activeKey();
      if (activeKey != null) {
        Task twin = index.activeTwin(activeKey);
        if (twin != null) {
          return Submission.existing(twin);
        }
      }
      index.queue().checkCaps(n);
      Task task = MemoryTasks.created(n, now());
      index.queue().assignTurn(task);
      if (activeKey != null) {
        index.takeActiveKey(activeKey, task.id());
      }
      put(null, task);
      return Submission.created(task);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Task> get(TaskId id) {
    lock.lock();
    try {
      return Optional.ofNullable(index.get(id));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Page<Task> list(TaskQuery query) {
    lock.lock();
    try {
      return index.listOwned(query);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Task> claim(String workerId, Set<String> types, Duration lease, int max) {
    return claim(workerId, types, lease, max, ClaimRules.NONE);
  }

  @Override
  public List<Task> claim(
      String workerId, Set<String> types, Duration lease, int max, ClaimRules rules) {
    requireNonNull(workerId, "workerId");
    requireNonNull(rules, "rules");
    requireNonNull(lease, "lease");
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    lock.lock();
    try {
      Instant now = now();
      List<Task> claimed = new ArrayList<>(Math.min(max, 16));
      while (claimed.size() < max) {
        TaskId best = index.queue().next(types, rules, now);
        if (best == null) {
          break;
        }
        Task old = index.get(best);
        Task task = MemoryTasks.claimed(old, workerId, now.plus(lease), now);
        put(old, task);
        claimed.add(task);
      }
      return claimed;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean enforcesScheduling() {
    return true;
  }

  @Override
  public List<OwnerCount> activeOwners(int limit) {
    lock.lock();
    try {
      return MemoryViews.activeOwners(index.queue(), limit);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Heartbeat heartbeat(
      Fence fence, Progress progress, @Nullable String checkpoint, Duration lease) {
    lock.lock();
    try {
      Task old = index.fenced(fence);
      if (old == null) {
        return Heartbeat.LOST;
      }
      Task.Builder b =
          old.toBuilder()
              .progress(progress)
              .lease(new Lease(fence.workerId(), now().plus(lease)));
      if (checkpoint != null) {
        b.checkpoint(checkpoint);
      }
      put(old, b.build());
      return old.cancelRequested() ? Heartbeat.CANCEL_REQUESTED : Heartbeat.ALIVE;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean complete(Fence fence, TaskResult result, Progress progress) {
    requireNonNull(result, "result");
    requireNonNull(progress, "progress");
    return finish(fence, TaskStatus.COMPLETED, result, null, progress);
  }

  @Override
  public boolean fail(Fence fence, TaskError error, @Nullable Duration retryAfter) {
    requireNonNull(error, "error");
    if (retryAfter == null) {
      return finish(fence, TaskStatus.FAILED, null, error, null);
    }
    lock.lock();
    try {
      Task old = index.fenced(fence);
      if (old == null) {
        return false;
      }
      Instant due = now().plus(retryAfter);
      put(old, old.toBuilder().status(TaskStatus.PENDING).error(error).dueAt(due).build());
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean cancelled(Fence fence) {
    return finish(fence, TaskStatus.CANCELLED, null, null, null);
  }

  @Override
  public boolean release(Fence fence) {
    lock.lock();
    try {
      Task old = index.fenced(fence);
      if (old == null) {
        return false;
      }
      Attempts a = old.attempts();
      put(
          old,
          old.toBuilder()
              .status(TaskStatus.PENDING)
              .attempts(new Attempts(a.current() - 1, a.max()))
              .dueAt(now())
              .build());
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CancelOutcome requestCancel(TaskId id) {
    lock.lock();
    try {
      Task old = index.get(id);
      if (old == null) {
        return CancelOutcome.NOT_FOUND;
      }
      switch (old.status()) {
        case PENDING -> {
          put(old, MemoryTasks.terminal(old, TaskStatus.CANCELLED, null, null, now()));
          return CancelOutcome.CANCELLED;
        }
        case RUNNING -> {
          if (!old.cancelRequested()) {
            put(old, old.toBuilder().cancelRequested(true).build());
          }
          return CancelOutcome.REQUESTED;
        }
        default -> {
          return CancelOutcome.ALREADY_FINISHED;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean delete(TaskId id) {
    lock.lock();
    try {
      Task old = index.get(id);
      if (old == null) {
        return false;
      }
      put(old, null);
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Task> confirm(TaskId check, NewTask load) {
    requireNonNull(check, "check");
    requireNonNull(load, "load");
    if (load.dedupKey() != null) {
      throw new IllegalArgumentException("the load of a check takes no dedup key");
    }
    lock.lock();
    try {
      Task old = index.get(check);
      if (old == null
          || !old.check()
          || old.status() != TaskStatus.COMPLETED
          || old.confirmedBy() != null) {
        return Optional.empty();
      }
      Task created = create(load).task(); // refused by a cap before anything changed
      put(old, old.toBuilder().confirmedBy(created.id()).build());
      return Optional.of(created);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Task> recoverExpiredLeases(int limit) {
    lock.lock();
    try {
      Instant now = now();
      List<Task> recovered = new ArrayList<>();
      while (recovered.size() < limit) {
        Task old = index.firstLeaseEndedBy(now);
        if (old == null) {
          break;
        }
        Task next = MemoryTasks.afterLostLease(old, now);
        put(old, next);
        recovered.add(next);
      }
      return recovered;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Task> purgeExpired(int limit) {
    lock.lock();
    try {
      Instant now = now();
      List<Task> purged = new ArrayList<>();
      while (purged.size() < limit) {
        Task old = index.firstExpiredBy(now);
        if (old == null) {
          break;
        }
        put(old, null);
        purged.add(old);
      }
      return purged;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Page<Task> listAll(AdminQuery query) {
    requireNonNull(query, "query");
    lock.lock();
    try {
      return MemoryViews.listAll(index.all(), query);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<TaskCount> counts() {
    lock.lock();
    try {
      return MemoryViews.counts(index.all());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean retry(TaskId id, int attempts) {
    requireNonNull(id, "id");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
    }
    lock.lock();
    try {
      Task old = index.get(id);
      if (old == null || old.status() != TaskStatus.FAILED) {
        return false;
      }
      String activeKey =
          old.dedupKey() == null ? null : NewTask.activeKey(old.owner(), old.type(), old.dedupKey());
      if (activeKey != null && index.activeKeyTaken(activeKey)) {
        return false;
      }
      put(old, MemoryTasks.retried(old, attempts, now()));
      if (activeKey != null) {
        index.takeActiveKey(activeKey, id);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "InMemoryTaskStore[" + index.size() + " tasks]";
  }

  private boolean finish(
      Fence fence,
      TaskStatus status,
      @Nullable TaskResult result,
      @Nullable TaskError error,
      @Nullable Progress progress) {
    lock.lock();
    try {
      Task old = index.fenced(fence);
      if (old == null) {
        return false;
      }
      Task next = MemoryTasks.terminal(old, status, result, error, now());
      put(old, progress == null ? next : next.toBuilder().progress(progress).build());
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void put(@Nullable Task old, @Nullable Task next) {
    index.put(old, next);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
