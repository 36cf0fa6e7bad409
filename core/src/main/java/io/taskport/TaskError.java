package io.taskport;

import static java.util.Objects.requireNonNull;

/**
 * Why a task failed, in words fit for the user who asked for it. Stack traces go to the log only.
 *
 * @param code a stable UPPER_SNAKE code, one of the constants here or a handler's own
 * @param message human text; never a stack trace
 */
public record TaskError(String code, String message) {
  /** The task ran longer than the task timeout. */
  public static final String TIMEOUT = "TIMEOUT";

  /** The handler threw; the message is the exception's. */
  public static final String HANDLER_FAILED = "HANDLER_FAILED";

  /** The params or the uploaded file were not acceptable. */
  public static final String INVALID_INPUT = "INVALID_INPUT";

  /** The uploaded file could not be read as the format it claims. */
  public static final String INVALID_FILE = "INVALID_FILE";

  /** A size, row, column or error limit was passed. */
  public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";

  /**
   * The worker running the task stopped renewing its lease: on a FAILED task, on every attempt;
   * on a PENDING one, on the last attempt, which will run again.
   */
  public static final String LEASE_LOST = "LEASE_LOST";

  /** No handler of the task's type is registered on the worker that claimed it. */
  public static final String UNKNOWN_TYPE = "UNKNOWN_TYPE";

  private static final int MAX_MESSAGE = 2000;

  /** Checks both parts and shortens a very long message. */
  public TaskError {
    requireNonNull(code, "code");
    requireNonNull(message, "message");
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "…";
    }
  }

  /** Returns an error with the given code and message. */
  public static TaskError of(String code, String message) {
    return new TaskError(code, message);
  }
}
