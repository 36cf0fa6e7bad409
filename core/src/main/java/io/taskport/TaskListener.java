package io.taskport;

/**
 * Receives status and progress events.
 *
 * <p>Called on a Taskport thread; it must return quickly and must not block. Anything it throws
 * is logged and otherwise ignored.
 */
@FunctionalInterface
public interface TaskListener {
  /** Handles one event. */
  void onEvent(TaskEvent event);
}
