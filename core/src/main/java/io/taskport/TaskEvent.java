package io.taskport;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A change of status or progress of one task.
 *
 * @param taskId the task
 * @param owner its owner, so listeners for all tasks can route events to the right user
 * @param type its handler type
 * @param status its status after the change
 * @param progress its progress after the change
 * @param at when the change happened
 */
public record TaskEvent(
    TaskId taskId, String owner, String type, TaskStatus status, Progress progress, Instant at) {

  /** Checks that every part is present. */
  public TaskEvent {
    requireNonNull(taskId, "taskId");
    requireNonNull(owner, "owner");
    requireNonNull(type, "type");
    requireNonNull(status, "status");
    requireNonNull(progress, "progress");
    requireNonNull(at, "at");
  }

  /** Returns the event that describes the task as it is now. */
  public static TaskEvent of(Task task, Instant at) {
    return new TaskEvent(task.id(), task.owner(), task.type(), task.status(), task.progress(), at);
  }
}
