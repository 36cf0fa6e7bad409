package io.taskport;

import io.taskport.store.CancelOutcome;
import java.time.Duration;
import java.util.List;

/**
 * The operator's view of every owner's tasks, from {@link TaskManager#admin()}. No call checks an
 * owner: expose it only to operators (the web layer guards it with a role).
 *
 * <p>Thread-safe.
 */
public interface TaskAdmin {
  /** The most tasks {@link #stats} reads. */
  int STATS_SAMPLE = 5000;

  /** Returns one page of the tasks that match the query, of any owner, newest first. */
  Page<Task> list(AdminQuery query);

  /**
   * Returns any task with its attempts, last error, worker and lease, progress and timestamps.
   *
   * @throws TaskNotFoundException if there is none with this id
   */
  Task get(TaskId id);

  /**
   * Runs a FAILED task again: it becomes PENDING, due now, with a fresh budget of the manager's
   * {@code maxAttempts} claims on top of the attempts it used (attempt numbers keep counting up,
   * so a worker of an earlier attempt stays fenced out). Its last error, its params, its upload
   * and the checkpoint of an import are kept; its expiry is cleared.
   *
   * @return the task as it is now, PENDING
   * @throws TaskNotFoundException if there is none with this id
   * @throws TaskStateException if the task is not FAILED, or if another active task of the same
   *     owner, type and dedup key exists
   */
  Task retry(TaskId id);

  /**
   * Cancels any task: a pending one at once, a running one at its next checkpoint.
   *
   * @throws TaskNotFoundException if there is none with this id
   */
  CancelOutcome cancel(TaskId id);

  /**
   * Deletes any finished task and its files.
   *
   * @throws TaskNotFoundException if there is none with this id
   * @throws TaskStateException if the task is still pending or running; cancel it first
   */
  void delete(TaskId id);

  /**
   * Runs the retention purge now: deletes every finished task whose expiry has passed, with its
   * files.
   *
   * @return how many tasks were purged
   */
  int purgeNow();

  /** Returns how many tasks there are per handler type and status; combinations with none are left out. */
  List<TaskCount> counts();

  /**
   * Returns queue wait and throughput figures computed from the newest {@value #STATS_SAMPLE}
   * tasks created within the window.
   *
   * @throws IllegalArgumentException if the window is not positive
   */
  QueueStats stats(Duration window);

  /**
   * Returns the owners with PENDING or RUNNING tasks, those with the most PENDING first: who fills
   * the queue. The default returns none.
   *
   * @param limit the most owners to return
   * @since 0.4
   */
  default List<OwnerCount> activeOwners(int limit) {
    return List.of();
  }

  /**
   * Returns the scheduling rules in force by name, such as {@code fairClaiming=on}, {@code
   * maxActivePerOwner=20} or {@code clusterTypeLimit.ledger=2}; rules not set are left out. The
   * default returns none.
   *
   * @since 0.4
   */
  default java.util.Map<String, String> rules() {
    return java.util.Map.of();
  }
}
