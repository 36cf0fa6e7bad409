package io.taskport;

import static java.util.Objects.requireNonNull;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identifier of a task: a random UUID by default, never sequential, so ids reveal nothing
 * about other users' tasks.
 *
 * @param value the id as text, 1 to 64 characters of {@code [A-Za-z0-9_-]}
 */
public record TaskId(String value) implements Comparable<TaskId> {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Checks the text of the id. */
  public TaskId {
    requireNonNull(value, "value");
    if (!VALID.matcher(value).matches()) {
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

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
