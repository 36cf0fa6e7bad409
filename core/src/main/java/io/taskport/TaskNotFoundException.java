package io.taskport;

/**
 * No task with this id exists for the caller. Also thrown for another owner's task, so that
 * whether an id exists never leaks.
 */
public class TaskNotFoundException extends TaskportException {
  private static final long serialVersionUID = 1L;
  private final TaskId taskId;

  /** Creates the exception for an id. */
  public TaskNotFoundException(TaskId taskId) {
    super(MessageKey.of("task.notFound", taskId), null);
    this.taskId = taskId;
  }

  /** Returns the id that was asked for. */
  public TaskId taskId() {
    return taskId;
  }
}
