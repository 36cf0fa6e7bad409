package io.taskport.store;

import static java.util.Objects.requireNonNull;

import io.taskport.TaskId;

/**
 * Identifies one running attempt. Every transition after a claim carries it, and a store refuses
 * the transition when the task's current worker or attempt differs, so a worker that lost its
 * lease can never overwrite what its successor wrote.
 *
 * @param id the task
 * @param workerId the worker that claimed it
 * @param attempt the attempt number the claim gave
 */
public record Fence(TaskId id, String workerId, int attempt) {
  /** Checks the parts. */
  public Fence {
    requireNonNull(id, "id");
    requireNonNull(workerId, "workerId");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
    }
  }
}
