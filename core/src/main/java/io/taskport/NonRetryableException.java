package io.taskport;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a handler to fail its task at once, without the retries any other exception gets.
 * The message is shown to the user.
 */
public class NonRetryableException extends TaskportException {
  private static final long serialVersionUID = 1L;
  private final String code;

  /** Creates the exception with a stable code and a message for the user. */
  public NonRetryableException(String code, String message) {
    this(code, message, null);
  }

  /** Creates the exception with a stable code, a message for the user and a cause for the log. */
  public NonRetryableException(String code, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.code = requireNonNull(code, "code");
  }

  /** Returns the error code put on the failed task. */
  public String code() {
    return code;
  }
}
