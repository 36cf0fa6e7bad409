package io.taskport;

import static java.util.Objects.requireNonNull;

/**
 * The answer to a submit.
 *
 * @param id the task's id
 * @param created {@code false} when an active task with the same owner, type and dedup key
 *     already existed and was returned instead of a new one
 * @param task the task as it was right after the submit
 */
public record Submission(TaskId id, boolean created, Task task) {
  /** Checks that the parts agree. */
  public Submission {
    requireNonNull(id, "id");
    requireNonNull(task, "task");
    if (!id.equals(task.id())) {
      throw new IllegalArgumentException("submission id " + id + " differs from task " + task.id());
    }
  }

  /** Returns the submission of a newly created task. */
  public static Submission created(Task task) {
    return new Submission(task.id(), true, task);
  }

  /** Returns the submission that points at an existing active twin. */
  public static Submission existing(Task task) {
    return new Submission(task.id(), false, task);
  }
}
