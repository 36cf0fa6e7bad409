package io.taskport;

/**
 * How many times a task has been claimed, and how many claims it may have.
 *
 * @param current claims so far; also the fencing token of the running attempt
 * @param max the most claims allowed, at least 1
 */
public record Attempts(int current, int max) {
  /** Checks the numbers. */
  public Attempts {
    if (max < 1) {
      throw new IllegalArgumentException("max attempts must be >= 1, was " + max);
    }
    if (current < 0) {
      throw new IllegalArgumentException("current attempt must be >= 0, was " + current);
    }
  }

  /** Returns whether another claim is allowed after the current one. */
  public boolean hasMore() {
    return current < max;
  }
}
