package io.taskport;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * The identifier of a task: a random UUID by default, never sequential, so ids reveal nothing
 * about other users' tasks.
 *
 * @param value the id as text, 1 to 64 characters of {@code [A-Za-z0-9_-]}
 */
public record TaskId(String value) implements Comparable<TaskId> {
  /** Checks the text of the id. */
  public TaskId {
    requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException(
          "task id must be 1 to 64 characters of [A-Za-z0-9_-], was '" + abbreviate(value) + "'");
    }
  }

  /** Returns a new random id (a UUID from a secure random source). */
  public static TaskId random() {
    return new TaskId(UUID.randomUUID().toString());
  }

  /**
   * Parses an id.
   *
   * @throws IllegalArgumentException if the text is not a valid id
   */
  public static TaskId of(String value) {
    return new TaskId(value);
  }

  @Override
  public int compareTo(TaskId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }

  // a loop, not a regex: ids are checked on every read from a store
  private static boolean isValid(String s) {
    if (s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isIdChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIdChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-';
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
