package io.taskport;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The hold a worker has on a running task.
 *
 * @param workerId the worker that claimed the task
 * @param until when the lease ends unless renewed, by the store's clock
 */
public record Lease(String workerId, Instant until) {
  /** Checks that both parts are present. */
  public Lease {
    requireNonNull(workerId, "workerId");
    requireNonNull(until, "until");
  }
}
