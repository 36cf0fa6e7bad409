package io.taskport.testkit;

import io.taskport.Page;
import io.taskport.Progress;
import io.taskport.Submission;
import io.taskport.Subscription;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskListener;
import io.taskport.TaskQuery;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.store.ClaimRules;
import io.taskport.store.CancelOutcome;
import io.taskport.store.Fence;
import io.taskport.store.Heartbeat;
import io.taskport.store.NewTask;
import io.taskport.store.TaskStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A store wrapper that checks every change of status it observes against the state table, {@link
 * TaskStatus#canMoveTo}. A change is judged only from calls that overlapped no other call, since
 * only those tell for certain which status came before which; a call that overlapped another
 * forgets what it touched, and the next quiet call starts afresh.
 */
public final class TransitionLog implements TaskStore {
  /** One observed change of status. */
  public record Move(TaskStatus from, TaskStatus to) {
    @Override
    public String toString() {
      return from + " -> " + to;
    }
  }

  private final TaskStore delegate;
  private final Map<TaskId, TaskStatus> last = new ConcurrentHashMap<>();
  private final Set<Move> moves = ConcurrentHashMap.newKeySet();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong calls = new AtomicLong();

  public TransitionLog(TaskStore delegate) {
    this.delegate = delegate;
  }

  /** Returns every change of status observed so far. */
  public Set<Move> moves() {
    return Set.copyOf(moves);
  }

  /** Returns the observed changes the table does not allow, described. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  private <T> T call(@Nullable TaskId id, Supplier<T> op, java.util.function.Function<T, List<Task>> seen) {
    long mine = calls.incrementAndGet();
    boolean alone = inFlight.incrementAndGet() == 1;
    try {
      TaskStatus before = id == null ? null : delegate.get(id).map(Task::status).orElse(null);
      T result = op.get();
      List<Task> after = new ArrayList<>(seen.apply(result));
      if (id != null) {
        delegate.get(id).ifPresentOrElse(after::add, () -> last.remove(id));
      }
      alone &= calls.get() == mine;
      for (Task t : after) {
        TaskStatus from = id != null && t.id().equals(id) ? before : last.get(t.id());
        if (alone) {
          observe(t.id(), from, t.status());
        } else {
          last.remove(t.id());
        }
      }
      return result;
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void observe(TaskId id, @Nullable TaskStatus from, TaskStatus to) {
    if (from != null && from != to) {
      moves.add(new Move(from, to));
      if (!from.canMoveTo(to)) {
        violations.add("task " + id + " moved " + from + " -> " + to);
      }
    }
    last.put(id, to);
  }

  @Override
  public Submission create(NewTask task) {
    return call(null, () -> delegate.create(task), s -> s.created() ? List.of(s.task()) : List.of());
  }

  @Override
  public Optional<Task> get(TaskId id) {
    return delegate.get(id);
  }

  @Override
  public Page<Task> list(TaskQuery query) {
    return delegate.list(query);
  }

  @Override
  public List<Task> claim(String workerId, Set<String> types, Duration lease, int max) {
    return call(null, () -> delegate.claim(workerId, types, lease, max), l -> l);
  }

  @Override
  public List<Task> claim(
      String workerId, Set<String> types, Duration lease, int max, ClaimRules rules) {
    return call(null, () -> delegate.claim(workerId, types, lease, max, rules), l -> l);
  }

  @Override
  public boolean enforcesScheduling() {
    return delegate.enforcesScheduling();
  }

  @Override
  public List<io.taskport.OwnerCount> activeOwners(int limit) {
    return delegate.activeOwners(limit);
  }

  @Override
  public boolean awaitWork(Set<String> types, Duration maxWait) throws InterruptedException {
    return delegate.awaitWork(types, maxWait);
  }

  @Override
  public Heartbeat heartbeat(
      Fence fence, Progress progress, @Nullable String checkpoint, Duration lease) {
    return call(fence.id(), () -> delegate.heartbeat(fence, progress, checkpoint, lease), r -> List.of());
  }

  @Override
  public boolean complete(Fence fence, TaskResult result, Progress progress) {
    return call(fence.id(), () -> delegate.complete(fence, result, progress), r -> List.of());
  }

  @Override
  public boolean fail(Fence fence, TaskError error, @Nullable Duration retryAfter) {
    return call(fence.id(), () -> delegate.fail(fence, error, retryAfter), r -> List.of());
  }

  @Override
  public boolean cancelled(Fence fence) {
    return call(fence.id(), () -> delegate.cancelled(fence), r -> List.of());
  }

  @Override
  public boolean release(Fence fence) {
    return call(fence.id(), () -> delegate.release(fence), r -> List.of());
  }

  @Override
  public CancelOutcome requestCancel(TaskId id) {
    return call(id, () -> delegate.requestCancel(id), r -> List.of());
  }

  @Override
  public boolean delete(TaskId id) {
    boolean deleted = delegate.delete(id);
    last.remove(id);
    return deleted;
  }

  @Override
  public List<Task> recoverExpiredLeases(int limit) {
    return call(null, () -> delegate.recoverExpiredLeases(limit), l -> l);
  }

  @Override
  public List<Task> purgeExpired(int limit) {
    List<Task> purged = delegate.purgeExpired(limit);
    purged.forEach(t -> last.remove(t.id()));
    return purged;
  }

  @Override
  public Page<Task> listAll(io.taskport.AdminQuery query) {
    return delegate.listAll(query);
  }

  @Override
  public List<io.taskport.TaskCount> counts() {
    return delegate.counts();
  }

  @Override
  public boolean retry(TaskId id, int attempts) {
    return call(id, () -> delegate.retry(id, attempts), r -> List.of());
  }

  @Override
  public Optional<Task> confirm(TaskId check, NewTask load) {
    return delegate.confirm(check, load);
  }

  @Override
  public Optional<Subscription> subscribe(TaskListener listener) {
    return delegate.subscribe(listener);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
