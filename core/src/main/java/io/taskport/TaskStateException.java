package io.taskport;

/** The task is not in a status that allows the call, such as a download before it completed. */
public class TaskStateException extends TaskportException {
  private static final long serialVersionUID = 1L;
  private final TaskId taskId;
  private final TaskStatus status;

  /** Creates the exception; the message says what the caller can do. */
  public TaskStateException(TaskId taskId, TaskStatus status, String message) {
    super(message);
    this.taskId = taskId;
    this.status = status;
  }

  /** Creates the exception from a text of a bundle, so that it reads in the user's language. */
  public TaskStateException(TaskId taskId, TaskStatus status, MessageKey message) {
    super(message, null);
    this.taskId = taskId;
    this.status = status;
  }

  /** Returns the task's id. */
  public TaskId taskId() {
    return taskId;
  }

  /** Returns the task's status at the time of the call. */
  public TaskStatus status() {
    return status;
  }
}
