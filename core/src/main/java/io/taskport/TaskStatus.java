package io.taskport;

/**
 * Where a task is in its life. This enum is the single reference for the state machine; every
 * store enforces the same table.
 *
 * <pre>
 * PENDING --claim--> RUNNING --ok--> COMPLETED
 *    ^                  |  \--error, attempts left--> PENDING
 *    |                  |  \--error, none left / non-retryable--> FAILED
 *    |                  |  \--cancel observed--> CANCELLED
 *    +--lease expired---+
 * PENDING --cancel--> CANCELLED
 * </pre>
 */
public enum TaskStatus {
  /** Waiting for a worker; also after a failed attempt that will be retried. */
  PENDING,
  /** Claimed by a worker that holds a lease on it. */
  RUNNING,
  /** Finished; its result can be downloaded. */
  COMPLETED,
  /** Finished without a result; see {@link Task#error()}. */
  FAILED,
  /** Stopped on request. */
  CANCELLED;

  /** Returns whether no transition leaves this status. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** Returns whether the state machine allows a transition from this status to {@code next}. */
  public boolean canMoveTo(TaskStatus next) {
    return switch (this) {
      case PENDING -> next == RUNNING || next == CANCELLED || next == FAILED;
      case RUNNING -> next != RUNNING;
      case COMPLETED, FAILED, CANCELLED -> false;
    };
  }
}
