package io.taskport;

import org.jspecify.annotations.Nullable;

/** A task or file store failed: the database or Redis could not be reached, or held bad data. */
public class StoreException extends TaskportException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming what failed, and the cause. */
  public StoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception with a message naming what failed. */
  public StoreException(String message) {
    super(message);
  }
}
