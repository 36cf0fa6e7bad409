package io.taskport.jdbc;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The argument checks of {@link JdbcTaskStore}, with the messages its callers see. */
final class Args {
  /** The longest owner or type, in characters, that the schema holds. */
  static final int MAX_NAME = 255;

  private Args() {}

  static List<String> sorted(Set<String> types) {
    requireNonNull(types, "types");
    if (types.isEmpty()) {
      throw new IllegalArgumentException("types must not be empty");
    }
    return types.stream().sorted().toList();
  }

  static long millis(String name, Duration d) {
    requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + d);
    }
    return d.toMillis();
  }

  static int checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    return limit;
  }

  static void checkLength(String name, String value) {
    if (value.length() > MAX_NAME) {
      throw new IllegalArgumentException(
          name + " must be at most " + MAX_NAME + " characters, was " + value.length());
    }
  }
}
