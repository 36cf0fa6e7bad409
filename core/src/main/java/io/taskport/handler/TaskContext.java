package io.taskport.handler;

import io.taskport.TaskId;
import java.util.concurrent.CancellationException;

/**
 * What a running handler knows about its task. The engine sets the MDC key {@code
 * taskport.taskId} on the handler's thread.
 *
 * @param <P> the params type
 */
public interface TaskContext<P> {
  /** Returns the task's id. */
  TaskId taskId();

  /** Returns who asked for the task. */
  String owner();

  /** Returns the params, bound to the handler's params type. */
  P params();

  /**
   * Returns the language the submitter asked for, in which the handler writes what the user
   * reads (see {@link io.taskport.Messages}); English when none was given.
   */
  default java.util.Locale locale() {
    return java.util.Locale.ENGLISH;
  }

  /** Returns the attempt number, starting at 1. */
  int attempt();

  /** Reports progress; cheap enough to call per row. Saved and published every second or so. */
  void progress(long done, long total);

  /** Reports progress with a short message for the user. */
  void progress(long done, long total, String message);

  /** Returns whether the task should stop: a cancel was requested, or the lease was lost. */
  boolean isCancelled();

  /**
   * Throws if the task should stop; call it between units of work.
   *
   * @throws CancellationException if a cancel was requested, the lease was lost, or the thread
   *     was interrupted
   */
  default void checkCancelled() {
    if (isCancelled() || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("task " + taskId() + " was cancelled");
    }
  }
}
