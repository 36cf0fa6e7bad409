package io.taskport;

import org.jspecify.annotations.Nullable;

/** The root of Taskport's domain failures. Misuse of the API gets the JDK's exceptions instead. */
public class TaskportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public TaskportException(String message) {
    super(message);
  }

  /** Creates an exception with a message and a cause. */
  public TaskportException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
