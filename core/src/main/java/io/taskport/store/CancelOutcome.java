package io.taskport.store;

/** The answer to a cancel request. */
public enum CancelOutcome {
  /** The task was PENDING and is now CANCELLED. */
  CANCELLED,
  /** The task is RUNNING; its worker will stop it at its next checkpoint. */
  REQUESTED,
  /** The task had already ended; nothing changed. */
  ALREADY_FINISHED,
  /** No such task. */
  NOT_FOUND
}
