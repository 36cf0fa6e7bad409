package io.taskport.store;

import static java.util.Objects.requireNonNull;

import io.taskport.AdminQuery;
import io.taskport.Attempts;
import io.taskport.Lease;
import io.taskport.OwnerCount;
import io.taskport.Messages;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
  private final Map<TaskId, Task> tasks = new HashMap<>();
  private final Map<String, TaskId> activeKeys = new HashMap<>();
  private final MemoryQueue queue = new MemoryQueue();
  private final NavigableSet<Entry> leases = new TreeSet<>();
  private final NavigableSet<Entry> expiries = new TreeSet<>();
  // an owner's tasks by (createdAt, id), which never change: indexed once, at create
  private final Map<String, NavigableSet<Entry>> byOwner = new HashMap<>();

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
      if (tasks.containsKey(n.id())) {
        throw new IllegalArgumentException("task " + n.id() + " already exists");
      }
      String activeKey = n.activeKey();
      if (activeKey != null) {
        TaskId twin = activeKeys.get(activeKey);
        if (twin != null) {
          return Submission.existing(tasks.get(twin));
        }
      }
      queue.checkCaps(n);
      Instant now = now();
      Task task =
          Task.builder()
              .id(n.id())
              .kind(n.kind())
              .type(n.type())
              .owner(n.owner())
              .format(n.format())
              .params(n.params())
              .dedupKey(n.dedupKey())
              .input(n.input())
              .attempts(new Attempts(0, n.maxAttempts()))
              .createdAt(now)
              .dueAt(now)
              .retention(n.retention())
              .locale(n.locale())
              .check(n.check())
              .scheduling(n.scheduling())
              .build();
      queue.assignTurn(task);
      if (activeKey != null) {
        activeKeys.put(activeKey, task.id());
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
      return Optional.ofNullable(tasks.get(id));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Page<Task> list(TaskQuery query) {
    lock.lock();
    try {
      NavigableSet<Entry> owned = byOwner.get(query.owner());
      if (owned == null) {
        return new Page<>(List.of(), null);
      }
      List<Task> items = new ArrayList<>(query.limit());
      boolean more = false;
      for (Entry e : owned.descendingSet()) {
        if (query.after() != null && !query.after().precedes(e.at, e.id)) {
          continue;
        }
        Task t = tasks.get(e.id);
        if (!query.matches(t)) {
          continue;
        }
        if (items.size() == query.limit()) {
          more = true;
          break;
        }
        items.add(t);
      }
      Page.Cursor next = more ? Page.Cursor.after(items.get(items.size() - 1)) : null;
      return new Page<>(items, next);
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
        TaskId best = queue.next(types, rules, now);
        if (best == null) {
          break;
        }
        Task old = tasks.get(best);
        Task task =
            old.toBuilder()
                .status(TaskStatus.RUNNING)
                .attempts(new Attempts(old.attempts().current() + 1, old.attempts().max()))
                .lease(new Lease(workerId, now.plus(lease)))
                .startedAt(now)
                .dueAt(null)
                .build();
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
      return MemoryViews.activeOwners(queue, limit);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Heartbeat heartbeat(
      Fence fence, Progress progress, @Nullable String checkpoint, Duration lease) {
    lock.lock();
    try {
      Task old = fenced(fence);
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
      Task old = fenced(fence);
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
      Task old = fenced(fence);
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
      Task old = tasks.get(id);
      if (old == null) {
        return CancelOutcome.NOT_FOUND;
      }
      switch (old.status()) {
        case PENDING -> {
          put(old, terminal(old, TaskStatus.CANCELLED, null, null, now()));
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
      Task old = tasks.get(id);
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
      Task old = tasks.get(check);
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
      while (recovered.size() < limit && !leases.isEmpty() && !leases.first().at.isAfter(now)) {
        Task old = tasks.get(leases.first().id);
        Task next;
        if (old.cancelRequested()) {
          next = terminal(old, TaskStatus.CANCELLED, null, null, now);
        } else if (old.attempts().hasMore()) {
          TaskError lost =
              TaskError.of(
                  TaskError.LEASE_LOST,
                  Messages.format(
                      Messages.locale(old.locale()),
                      "task.leaseLost.retrying",
                      old.attempts().current()));
          next = old.toBuilder().status(TaskStatus.PENDING).error(lost).dueAt(now).build();
        } else {
          TaskError error =
              TaskError.of(
                  TaskError.LEASE_LOST,
                  Messages.format(
                      Messages.locale(old.locale()),
                      "task.leaseLost.failed",
                      old.attempts().max()));
          next = terminal(old, TaskStatus.FAILED, null, error, now);
        }
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
      while (purged.size() < limit && !expiries.isEmpty() && !expiries.first().at.isAfter(now)) {
        Task old = tasks.get(expiries.first().id);
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
      return MemoryViews.listAll(tasks.values(), query);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<TaskCount> counts() {
    lock.lock();
    try {
      return MemoryViews.counts(tasks.values());
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
      Task old = tasks.get(id);
      if (old == null || old.status() != TaskStatus.FAILED) {
        return false;
      }
      String activeKey =
          old.dedupKey() == null ? null : NewTask.activeKey(old.owner(), old.type(), old.dedupKey());
      if (activeKey != null && activeKeys.containsKey(activeKey)) {
        return false;
      }
      int current = old.attempts().current();
      Task next =
          old.toBuilder()
              .status(TaskStatus.PENDING)
              .attempts(new Attempts(current, current + attempts))
              .cancelRequested(false)
              .finishedAt(null)
              .expiresAt(null)
              .dueAt(now())
              .build();
      put(old, next);
      if (activeKey != null) {
        activeKeys.put(activeKey, id);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "InMemoryTaskStore[" + tasks.size() + " tasks]";
  }

  private @Nullable Task fenced(Fence fence) {
    Task t = tasks.get(fence.id());
    if (t == null || t.status() != TaskStatus.RUNNING) {
      return null;
    }
    Lease lease = t.lease();
    boolean same =
        lease != null
            && lease.workerId().equals(fence.workerId())
            && t.attempts().current() == fence.attempt();
    return same ? t : null;
  }

  private boolean finish(
      Fence fence,
      TaskStatus status,
      @Nullable TaskResult result,
      @Nullable TaskError error,
      @Nullable Progress progress) {
    lock.lock();
    try {
      Task old = fenced(fence);
      if (old == null) {
        return false;
      }
      Task next = terminal(old, status, result, error, now());
      put(old, progress == null ? next : next.toBuilder().progress(progress).build());
      return true;
    } finally {
      lock.unlock();
    }
  }

  private Task terminal(
      Task old,
      TaskStatus status,
      @Nullable TaskResult result,
      @Nullable TaskError error,
      Instant now) {
    return old.toBuilder()
        .status(status)
        .result(result)
        .error(error)
        .finishedAt(now)
        .dueAt(null)
        .expiresAt(now.plus(old.retention()))
        .build();
  }

  /**
   * Replaces {@code old} by {@code next} (either may be null) and keeps every index in step. A
   * change of status is checked against the state table, {@link TaskStatus#canMoveTo}.
   */
  private void put(@Nullable Task old, @Nullable Task next) {
    if (old != null && next != null) {
      TaskStatus.checkMove(old.status(), next.status());
    }
    if (old != null) {
      unindex(old);
    }
    if (next == null) {
      if (old != null) {
        NavigableSet<Entry> owned = byOwner.get(old.owner());
        owned.remove(ownerEntry(old));
        if (owned.isEmpty()) {
          byOwner.remove(old.owner());
        }
        tasks.remove(old.id());
        queue.forget(old.id());
        if (!old.isTerminal() && old.dedupKey() != null) {
          activeKeys.remove(NewTask.activeKey(old.owner(), old.type(), old.dedupKey()), old.id());
        }
      }
      return;
    }
    if (old == null) {
      byOwner.computeIfAbsent(next.owner(), k -> new TreeSet<>()).add(ownerEntry(next));
    }
    tasks.put(next.id(), next);
    index(next);
  }

  private void index(Task t) {
    switch (t.status()) {
      case PENDING -> queue.index(t);
      case RUNNING -> {
        leases.add(new Entry(t.lease().until(), 0, t.id()));
        queue.index(t);
      }
      default -> {
        expiries.add(new Entry(t.expiresAt(), 0, t.id()));
        if (t.dedupKey() != null) {
          activeKeys.remove(NewTask.activeKey(t.owner(), t.type(), t.dedupKey()), t.id());
        }
      }
    }
  }

  private void unindex(Task t) {
    switch (t.status()) {
      case PENDING -> queue.unindex(t);
      case RUNNING -> {
        leases.remove(new Entry(t.lease().until(), 0, t.id()));
        queue.unindex(t);
      }
      default -> expiries.remove(new Entry(t.expiresAt(), 0, t.id()));
    }
  }

  private static Entry ownerEntry(Task t) {
    return new Entry(t.createdAt(), 0, t.id());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** An index entry ordered by time, then a tie-breaker, then id. */
  private record Entry(Instant at, long tie, TaskId id) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = at.compareTo(o.at);
      if (c == 0) {
        c = Long.compare(tie, o.tie);
      }
      return c != 0 ? c : id.compareTo(o.id);
    }
  }
}
