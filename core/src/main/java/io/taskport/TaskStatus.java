package io.taskport;

/**
 * Where a task is in its life. This enum is the single reference for the state machine: {@link
 * #canMoveTo} is the table every store keeps (the in-memory store asserts it on each change, and
 * the store contract suite checks every change it observes on every store).
 *
 * <pre>
 * PENDING --claim--> RUNNING --ok--> COMPLETED
 *    ^                  |  \--error, attempts left / handed back / lease expired--> PENDING
 *    |                  |  \--error, none left / non-retryable / timeout--> FAILED
 *    |                  |  \--cancel observed--> CANCELLED
 * PENDING --cancel--> CANCELLED
 * FAILED --operator's retry--> PENDING
 * </pre>
 */
public enum TaskStatus {
  /** Waiting for a worker; also after a failed attempt that will be retried. */
  PENDING,
  /** Claimed by a worker that holds a lease on it. */
  RUNNING,
  /** Finished; its result can be downloaded. */
  COMPLETED,
  /** Finished without a result; see {@link Task#error()}. An operator may retry it. */
  FAILED,
  /** Stopped on request. */
  CANCELLED;

  /**
   * Returns whether the task has finished: COMPLETED, FAILED or CANCELLED. Nothing moves a
   * finished task on by itself; only an operator's retry takes a FAILED task back to PENDING.
   */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** Returns whether the state machine allows a transition from this status to {@code next}. */
  public boolean canMoveTo(TaskStatus next) {
    return switch (this) {
      case PENDING -> next == RUNNING || next == CANCELLED;
      case RUNNING -> next != RUNNING;
      case FAILED -> next == PENDING;
      case COMPLETED, CANCELLED -> false;
    };
  }

  /** Returns whether the state machine allows a transition from {@code from} to {@code to}. */
  public static boolean canMoveTo(TaskStatus from, TaskStatus to) {
    return from.canMoveTo(to);
  }

  /**
   * Checks a transition against the table, for stores.
   *
   * @throws IllegalStateException if the table does not allow it: a bug in the store
   */
  public static void checkMove(TaskStatus from, TaskStatus to) {
    if (from != to && !from.canMoveTo(to)) {
      throw new IllegalStateException("a task cannot move from " + from + " to " + to);
    }
  }
}
