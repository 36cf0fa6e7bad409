package io.taskport.store;

import io.taskport.AdminQuery;
import io.taskport.OwnerCount;
import io.taskport.Page;
import io.taskport.Progress;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskListener;
import io.taskport.TaskQuery;
import io.taskport.TaskCount;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The durable home of tasks, shared by every node that runs the same queue.
 *
 * <p>Thread-safe: every method is one atomic step, safe to call from any thread of any node at
 * once. Methods may block on I/O. Time is the store's own: callers pass durations, and the store
 * turns them into instants with its clock (Redis {@code TIME}, the database's {@code
 * CURRENT_TIMESTAMP}, or the {@code Clock} of the in-memory store), so that nodes whose clocks
 * drift stay safe. All instants are kept at millisecond precision.
 *
 * <p>Fenced methods ({@link #heartbeat}, {@link #complete}, {@link #fail}, {@link #cancelled},
 * {@link #release}) change the task only while it is RUNNING with the fence's worker and attempt,
 * and return {@code false} (or {@link Heartbeat#LOST}) otherwise: a lost lease is an expected
 * outcome, not an error. Broken stores throw {@link io.taskport.StoreException}.
 *
 * <p>The store supplies mechanism; the caller supplies policy. A store never computes backoff or
 * retry counts of its own. Every store runs the contract suite {@code
 * io.taskport.testkit.TaskStoreContract} from core's test-jar.
 *
 * <p>Stability: a stable SPI; methods are added with a default wherever a correct generic one
 * exists, and without one otherwise, so that a store written for an earlier version fails to
 * compile instead of misbehaving.
 *
 * @since 0.1
 */
public interface TaskStore extends AutoCloseable {

  /**
   * Creates a PENDING task due now, with attempt 0. When the task has a dedup key and an active
   * (PENDING or RUNNING) task with the same owner, type and key exists, creates nothing and
   * returns that task instead. Otherwise, when the owner already has as many active tasks as
   * {@link Scheduling#maxActivePerOwner} (or of this type as {@link
   * Scheduling#maxActivePerOwnerOfType}), creates nothing and throws. These checks and the
   * creation are one atomic step.
   *
   * @return the new task with {@code created == true}, or the active twin with {@code false}
   * @throws IllegalArgumentException if a task with the same id already exists
   * @throws io.taskport.TooManyTasksException if a per-owner cap is reached (since 0.4)
   */
  Submission create(NewTask task);

  /**
   * Creates the tasks as {@link #create} would, one after another in list order: a task whose
   * dedup key matches an active task, or an earlier task of the list, returns that twin; the
   * per-owner caps count the earlier tasks of the list. The default calls {@link #create} for each;
   * a store that can create many in one round trip overrides it.
   *
   * <p>When a task is refused (a cap is reached, its id exists), the exception names it. A store
   * that creates the list in one transaction then creates none of it; the default keeps those
   * before the refused one. Either way no cap is exceeded.
   *
   * @return one submission per task, in list order
   * @throws IllegalArgumentException if a task's id already exists, or appears twice in the list
   * @throws io.taskport.TooManyTasksException if a per-owner cap is reached
   * @since 0.4
   */
  default List<Submission> createAll(List<NewTask> tasks) {
    List<Submission> out = new ArrayList<>(tasks.size());
    for (NewTask task : tasks) {
      out.add(create(task));
    }
    return out;
  }

  /** Returns the task with this id, of any owner. */
  Optional<Task> get(TaskId id);

  /** Returns one page of an owner's tasks, newest first, keyset-paged on (createdAt, id). */
  Page<Task> list(TaskQuery query);

  /**
   * Claims up to {@code max} due PENDING tasks of the given types in one atomic step, those due the
   * longest first: each becomes RUNNING with the next attempt number, this worker, a lease ending
   * {@code lease} from now, and {@code startedAt} now. A task is never handed to two callers.
   *
   * @param types the handler types the caller can run; not empty
   * @param max the most tasks to claim, at least 1
   * @return the claimed tasks, oldest due first; empty when none is due
   * @throws IllegalArgumentException if {@code types} is empty or {@code max} is below 1
   */
  List<Task> claim(String workerId, Set<String> types, Duration lease, int max);

  /**
   * Claims as {@link #claim(String, Set, Duration, int)} does, obeying the cluster-wide {@code
   * rules} in the same atomic step: no type passes its RUNNING limit or its start rate, no owner
   * its RUNNING limits, and with {@code rules.fair()} the tasks are taken round-robin by fairness
   * key. Due tasks are ranked by creation time minus their priority lead ({@link Scheduling}), so
   * higher priority goes first and waiting tasks age. RUNNING counts come from the tasks themselves, so
   * completion, failure, cancel, release and lease recovery free a slot alike.
   *
   * <p>The default serves {@link ClaimRules#NONE} and refuses any other rules; a store that
   * enforces them overrides it and {@link #enforcesScheduling}.
   *
   * @return the claimed tasks, in the order they were taken
   * @throws UnsupportedOperationException if the store cannot enforce the rules
   * @since 0.4
   */
  default List<Task> claim(
      String workerId, Set<String> types, Duration lease, int max, ClaimRules rules) {
    if (!rules.equals(ClaimRules.NONE)) {
      throw new UnsupportedOperationException(
          getClass().getSimpleName() + " cannot enforce scheduling rules; use a store that does"
              + " or remove the rules from the TaskManagerBuilder");
    }
    return claim(workerId, types, lease, max);
  }

  /**
   * Returns whether this store enforces {@link Scheduling} in {@link #create} (per-owner caps,
   * priority) and {@link ClaimRules} in {@link #claim(String, Set, Duration, int, ClaimRules)}.
   * The engine refuses to start with such settings on a store that does not. The default returns
   * {@code false}.
   *
   * @since 0.4
   */
  default boolean enforcesScheduling() {
    return false;
  }

  /**
   * Returns the owners with PENDING or RUNNING tasks, those with the most PENDING first, at most
   * {@code limit}. For the operator's dashboard; the default pages through {@link #listAll}.
   *
   * @since 0.4
   */
  default List<OwnerCount> activeOwners(int limit) {
    Map<String, long[]> tally = new TreeMap<>();
    AdminQuery q =
        AdminQuery.all()
            .statuses(Set.of(TaskStatus.PENDING, TaskStatus.RUNNING))
            .limit(TaskQuery.MAX_LIMIT);
    Page<Task> page;
    do {
      page = listAll(q);
      for (Task t : page.items()) {
        tally.computeIfAbsent(t.owner(), k -> new long[2])[
            t.status() == TaskStatus.PENDING ? 0 : 1]++;
      }
      q = q.after(page.next());
    } while (page.hasNext());
    List<OwnerCount> owners = new ArrayList<>();
    tally.forEach((owner, n) -> owners.add(new OwnerCount(owner, n[0], n[1])));
    owners.sort(OwnerCount.MOST_PENDING_FIRST);
    return owners.subList(0, Math.min(limit, owners.size()));
  }

  /**
   * Waits until a task of one of these types may have become due, for stores that can be told
   * (a blocking pop on Redis, {@code LISTEN} on PostgreSQL). An idle worker calls it after a claim
   * came back empty, instead of sleeping a poll interval. A store that waits returns at once when
   * a task of these types is due already, and soon after one is created, retried or released.
   * Returning early without work is allowed; the caller simply claims again.
   *
   * @param maxWait the longest to wait
   * @return {@code true} if the store waited (whether or not work arrived), {@code false} if it
   *     cannot wait, so the caller polls at its own interval; the default returns {@code false}
   * @throws InterruptedException if the waiting thread was interrupted
   * @since 0.2
   */
  default boolean awaitWork(Set<String> types, Duration maxWait) throws InterruptedException {
    return false;
  }

  /**
   * Renews the lease of a running attempt to end {@code lease} from now and saves its progress
   * and, unless {@code null}, its checkpoint.
   *
   * @return {@link Heartbeat#CANCEL_REQUESTED} if a cancel was asked for, {@link Heartbeat#LOST}
   *     if the fence no longer matches, else {@link Heartbeat#ALIVE}
   */
  Heartbeat heartbeat(
      Fence fence, Progress progress, @Nullable String checkpoint, Duration lease);

  /**
   * Moves a running attempt to COMPLETED with its result and its final progress, in one step;
   * {@code expiresAt} becomes now plus the task's retention, and its dedup key is released.
   *
   * @return {@code false} if the fence no longer matches
   */
  boolean complete(Fence fence, TaskResult result, Progress progress);

  /**
   * Fails a running attempt. With {@code retryAfter}, the task goes back to PENDING due that long
   * from now, keeping its error as the last one; otherwise it becomes FAILED and expires after
   * its retention.
   *
   * @return {@code false} if the fence no longer matches
   */
  boolean fail(Fence fence, TaskError error, @Nullable Duration retryAfter);

  /**
   * Moves a running attempt whose worker saw the cancel request to CANCELLED.
   *
   * @return {@code false} if the fence no longer matches
   */
  boolean cancelled(Fence fence);

  /**
   * Hands a running attempt back, for a node that shuts down: the task becomes PENDING and due
   * now, and the attempt is not counted.
   *
   * @return {@code false} if the fence no longer matches
   */
  boolean release(Fence fence);

  /**
   * Asks for a task to be cancelled: a PENDING task becomes CANCELLED at once; a RUNNING one is
   * flagged, and its worker sees the flag on its next heartbeat.
   */
  CancelOutcome requestCancel(TaskId id);

  /**
   * Deletes a task whatever its status. The caller deletes its files.
   *
   * @return {@code false} if there was no such task
   */
  boolean delete(TaskId id);

  /**
   * Finds RUNNING tasks whose lease has ended, by the store's clock, and moves each, in one
   * atomic step, back to PENDING due now, or to FAILED with {@link
   * io.taskport.TaskError#LEASE_LOST} when its attempts are spent (or when a cancel had been
   * requested, to CANCELLED). Any node may call it at any time.
   *
   * @return the tasks as they are after recovery, at most {@code limit}
   */
  List<Task> recoverExpiredLeases(int limit);

  /**
   * Deletes finished tasks whose {@code expiresAt} has passed.
   *
   * @return the deleted tasks, at most {@code limit}, so the caller can delete their files
   */
  List<Task> purgeExpired(int limit);

  /**
   * Subscribes to events of every task changed by any node, for stores shared across nodes that
   * can publish them (Redis pub/sub, for one). The listener is called on a store thread.
   *
   * @return the subscription, or empty when this store publishes no events; the manager then
   *     publishes the events of its own node
   */
  default Optional<Subscription> subscribe(TaskListener listener) {
    return Optional.empty();
  }

  /**
   * Returns one page of the tasks of any owner that match the query, newest first, keyset-paged on
   * (createdAt, id) as {@link #list} is. For the operator's {@link io.taskport.TaskAdmin}.
   *
   * @since 0.3
   */
  Page<Task> listAll(AdminQuery query);

  /**
   * Returns how many tasks there are per type and status, leaving out combinations with none. The
   * default pages through {@link #listAll}; stores that can count in place override it.
   *
   * @since 0.3
   */
  default List<TaskCount> counts() {
    Map<String, Map<TaskStatus, Long>> tally = new TreeMap<>();
    AdminQuery q = AdminQuery.all().limit(TaskQuery.MAX_LIMIT);
    Page<Task> page;
    do {
      page = listAll(q);
      for (Task t : page.items()) {
        tally
            .computeIfAbsent(t.type(), k -> new EnumMap<>(TaskStatus.class))
            .merge(t.status(), 1L, Long::sum);
      }
      q = q.after(page.next());
    } while (page.hasNext());
    List<TaskCount> counts = new ArrayList<>();
    tally.forEach((type, byStatus) -> byStatus.forEach((s, n) -> counts.add(new TaskCount(type, s, n))));
    return counts;
  }

  /**
   * Moves a FAILED task back to PENDING, due now, for an operator's retry: its attempt number
   * stays, its most attempts become that number plus {@code attempts}, its expiry and finish time
   * are cleared, its cancel flag is reset, and its dedup key is taken again. Error, progress,
   * checkpoint, params and upload are kept. Checking the status and moving the task are one atomic
   * step.
   *
   * @param attempts how many more claims the task may have, at least 1
   * @return {@code false} if there is no such task, it is not FAILED, or another active task holds
   *     its dedup key
   * @since 0.3
   */
  boolean retry(TaskId id, int attempts);

  /**
   * Confirms a check and creates its load in one atomic step: if {@code check} is a COMPLETED
   * check that no import confirmed yet, creates {@code load} as {@link #create} does (per-owner
   * caps included; the check, being COMPLETED, does not count) and sets the check's {@link
   * Task#confirmedBy} to the load's id. When the create is refused, nothing changes: the check
   * stays unconfirmed and can be confirmed later. The check keeps its status, result and expiry.
   * The default refuses: a store that holds checks overrides it.
   *
   * @param load the load, without a dedup key
   * @return the created load, or empty if there is no such task, it is not a COMPLETED check, or
   *     it is confirmed already
   * @throws io.taskport.TooManyTasksException if a per-owner cap is reached; the check stays
   *     unconfirmed
   * @throws IllegalArgumentException if the load has a dedup key or its id exists already
   * @throws UnsupportedOperationException if the store does not hold checks
   * @since 0.4
   */
  default Optional<Task> confirm(TaskId check, NewTask load) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot confirm checked imports; use a store that does");
  }

  /** Releases connections and threads the store created. The default does nothing. */
  @Override
  default void close() {}
}
