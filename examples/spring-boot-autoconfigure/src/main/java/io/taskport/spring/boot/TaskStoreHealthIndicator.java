package io.taskport.spring.boot;

import static java.util.Objects.requireNonNull;

import io.taskport.TaskId;
import io.taskport.store.TaskStore;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether the {@link TaskStore} answers: UP when a read of a random task id returns, DOWN
 * when it throws. The details name the store's class only, never its connection settings.
 */
public final class TaskStoreHealthIndicator extends AbstractHealthIndicator {
  private final TaskStore store;

  /** Creates the indicator for a store. */
  public TaskStoreHealthIndicator(TaskStore store) {
    super("Taskport store health check failed");
    this.store = requireNonNull(store, "store");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    store.get(TaskId.random());
    builder.up().withDetail("store", store.getClass().getSimpleName());
  }
}
