package io.taskport;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which of an owner's tasks to list, newest first.
 *
 * @param owner whose tasks
 * @param statuses the statuses to include; empty means all
 * @param type only tasks of this handler type, or {@code null} for all types
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 * @param after the cursor of the page to return, or {@code null} for the first page
 */
public record TaskQuery(
    String owner,
    Set<TaskStatus> statuses,
    @Nullable String type,
    int limit,
    Page.@Nullable Cursor after) {

  /** The default page size. */
  public static final int DEFAULT_LIMIT = 20;

  /** The largest page size. */
  public static final int MAX_LIMIT = 500;

  /** Checks the parts. */
  public TaskQuery {
    requireNonNull(owner, "owner");
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** Returns the first page of all of the owner's tasks. */
  public static TaskQuery of(String owner) {
    return new TaskQuery(owner, Set.of(), null, DEFAULT_LIMIT, null);
  }

  /** Returns this query restricted to the given statuses. */
  public TaskQuery statuses(Set<TaskStatus> statuses) {
    return new TaskQuery(owner, statuses, type, limit, after);
  }

  /** Returns this query restricted to one status. */
  public TaskQuery status(TaskStatus status) {
    return statuses(Set.of(status));
  }

  /** Returns this query restricted to one handler type. */
  public TaskQuery type(@Nullable String type) {
    return new TaskQuery(owner, statuses, type, limit, after);
  }

  /** Returns this query with another page size. */
  public TaskQuery limit(int limit) {
    return new TaskQuery(owner, statuses, type, limit, after);
  }

  /** Returns this query for the page after the cursor. */
  public TaskQuery after(Page.@Nullable Cursor after) {
    return new TaskQuery(owner, statuses, type, limit, after);
  }

  /** Returns whether a task matches the owner, status and type of this query. */
  public boolean matches(Task task) {
    return task.owner().equals(owner)
        && (statuses.isEmpty() || statuses.contains(task.status()))
        && (type == null || type.equals(task.type()));
  }
}
