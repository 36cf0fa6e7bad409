package io.taskport.spring.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open event streams of each user, task streams and user streams together, under a cap. */
final class StreamCount {
  private final int max;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  StreamCount(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("taskport.web.max-streams-per-user must be >= 1, was " + max);
    }
    this.max = max;
  }

  /** Counts one more stream of the owner, or throws when the owner has the most allowed. */
  void acquire(String owner) {
    boolean[] ok = {false};
    open.compute(
        owner,
        (k, n) -> {
          int now = n == null ? 0 : n;
          ok[0] = now < max;
          return ok[0] ? now + 1 : n;
        });
    if (!ok[0]) {
      throw new TaskEvents.TooManyStreamsException(max);
    }
  }

  void release(String owner) {
    open.computeIfPresent(owner, (k, n) -> n <= 1 ? null : n - 1);
  }
}
