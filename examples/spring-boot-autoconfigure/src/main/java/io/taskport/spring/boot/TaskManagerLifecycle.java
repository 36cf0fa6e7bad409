package io.taskport.spring.boot;

import io.taskport.TaskManager;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the manager after the context is refreshed and before the web server accepts requests,
 * and closes it, draining running tasks, after the web server stopped. A closed manager cannot be
 * started again, so a context that is stopped and restarted keeps it closed.
 */
final class TaskManagerLifecycle implements SmartLifecycle {
  /** Below the web server's phases, so it starts before them and stops after them. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final TaskManager taskManager;
  private volatile boolean running;

  TaskManagerLifecycle(TaskManager taskManager) {
    this.taskManager = taskManager;
  }

  @Override
  public void start() {
    taskManager.start();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    taskManager.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
