package io.taskport;

import static java.util.Objects.requireNonNull;

/**
 * How many tasks of one handler type are in one status.
 *
 * @param type the handler type
 * @param status the status
 * @param count how many, at least 1
 */
public record TaskCount(String type, TaskStatus status, long count) {
  /** Checks the parts. */
  public TaskCount {
    requireNonNull(type, "type");
    requireNonNull(status, "status");
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, was " + count);
    }
  }
}
