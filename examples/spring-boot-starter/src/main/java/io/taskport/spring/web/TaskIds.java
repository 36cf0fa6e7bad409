package io.taskport.spring.web;

import io.taskport.TaskId;

/** Parses ids from URLs; a malformed id is answered like an unknown one. */
final class TaskIds {
  private TaskIds() {}

  static TaskId parse(String text) {
    try {
      return TaskId.of(text);
    } catch (IllegalArgumentException e) {
      throw new NoSuchTaskException();
    }
  }

  /** No task with this id for this user; rendered exactly like {@link io.taskport.TaskNotFoundException}. */
  static final class NoSuchTaskException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoSuchTaskException() {
      super("no such task", null, false, false);
    }
  }
}
