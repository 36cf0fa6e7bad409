package io.taskport;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which tasks of any owner an operator lists, newest first; see {@link TaskAdmin#list}. Every
 * part left unset matches all tasks.
 *
 * @param owner only this owner's tasks, or {@code null} for every owner
 * @param statuses the statuses to include; empty means all
 * @param type only tasks of this handler type, or {@code null} for all types
 * @param kind only exports or only imports, or {@code null} for both
 * @param createdFrom only tasks created at or after this instant, or {@code null}
 * @param createdTo only tasks created before this instant, or {@code null}
 * @param limit the page size, 1 to {@value TaskQuery#MAX_LIMIT}
 * @param after the cursor of the page to return, or {@code null} for the first page
 */
public record AdminQuery(
    @Nullable String owner,
    Set<TaskStatus> statuses,
    @Nullable String type,
    @Nullable TaskKind kind,
    @Nullable Instant createdFrom,
    @Nullable Instant createdTo,
    int limit,
    Page.@Nullable Cursor after) {

  /** Checks the parts. */
  public AdminQuery {
    requireNonNull(statuses, "statuses");
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    if (limit < 1 || limit > TaskQuery.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be 1 to " + TaskQuery.MAX_LIMIT + ", was " + limit);
    }
    if (createdFrom != null && createdTo != null && createdTo.isBefore(createdFrom)) {
      throw new IllegalArgumentException(
          "createdTo must not be before createdFrom, was " + createdFrom + " to " + createdTo);
    }
  }

  /** Returns the first page of every task. */
  public static AdminQuery all() {
    return new AdminQuery(null, Set.of(), null, null, null, null, TaskQuery.DEFAULT_LIMIT, null);
  }

  /** Returns this query restricted to one owner, or to every owner with {@code null}. */
  public AdminQuery owner(@Nullable String owner) {
    return new AdminQuery(owner, statuses, type, kind, createdFrom, createdTo, limit, after);
  }

  /** Returns this query restricted to the given statuses. */
  public AdminQuery statuses(Set<TaskStatus> statuses) {
    return new AdminQuery(owner, statuses, type, kind, createdFrom, createdTo, limit, after);
  }

  /** Returns this query restricted to one status. */
  public AdminQuery status(TaskStatus status) {
    return statuses(Set.of(status));
  }

  /** Returns this query restricted to one handler type. */
  public AdminQuery type(@Nullable String type) {
    return new AdminQuery(owner, statuses, type, kind, createdFrom, createdTo, limit, after);
  }

  /** Returns this query restricted to exports or imports. */
  public AdminQuery kind(@Nullable TaskKind kind) {
    return new AdminQuery(owner, statuses, type, kind, createdFrom, createdTo, limit, after);
  }

  /** Returns this query restricted to tasks created in {@code [from, to)}; either may be null. */
  public AdminQuery created(@Nullable Instant from, @Nullable Instant to) {
    return new AdminQuery(owner, statuses, type, kind, from, to, limit, after);
  }

  /** Returns this query with another page size. */
  public AdminQuery limit(int limit) {
    return new AdminQuery(owner, statuses, type, kind, createdFrom, createdTo, limit, after);
  }

  /** Returns this query for the page after the cursor. */
  public AdminQuery after(Page.@Nullable Cursor after) {
    return new AdminQuery(owner, statuses, type, kind, createdFrom, createdTo, limit, after);
  }

  /** Returns whether a task matches every filter of this query; the cursor is not considered. */
  public boolean matches(Task task) {
    return (owner == null || owner.equals(task.owner()))
        && (statuses.isEmpty() || statuses.contains(task.status()))
        && (type == null || type.equals(task.type()))
        && (kind == null || kind == task.kind())
        && (createdFrom == null || !task.createdAt().isBefore(createdFrom))
        && (createdTo == null || task.createdAt().isBefore(createdTo));
  }
}
