package io.taskport.store;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.TaskCount;
import io.taskport.TaskStatus;
import io.taskport.testkit.FaultyTaskStore;
import io.taskport.testkit.ManualClock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SPI's default methods, through a store that does not override them. */
class TaskStoreDefaultsTest {
  private final InMemoryTaskStore memory = new InMemoryTaskStore(new ManualClock());
  private final TaskStore plain = new FaultyTaskStore(memory);

  @Test
  void counts_pagesThroughListAllAndTalliesEveryTask() {
    for (int i = 0; i < 510; i++) {
      memory.create(pendingExport().owner("user" + (i % 7)).build());
    }
    memory.create(pendingExport().type("orders").build());
    memory.claim("w", Set.of("accounts"), Duration.ofMinutes(1), 1);
    assertThat(plain.counts())
        .containsExactly(
            new TaskCount("accounts", TaskStatus.PENDING, 509),
            new TaskCount("accounts", TaskStatus.RUNNING, 1),
            new TaskCount("orders", TaskStatus.PENDING, 1))
        .isEqualTo(memory.counts());
  }
}
