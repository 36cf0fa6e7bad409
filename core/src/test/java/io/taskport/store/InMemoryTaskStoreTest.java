package io.taskport.store;

import io.taskport.testkit.ManualClock;
import io.taskport.testkit.TaskStoreContract;
import java.time.Duration;

class InMemoryTaskStoreTest extends TaskStoreContract {
  private final ManualClock clock = new ManualClock();

  @Override
  protected TaskStore createStore() {
    return new InMemoryTaskStore(clock);
  }

  @Override
  protected void elapse(Duration d) {
    clock.advance(d);
  }
}
