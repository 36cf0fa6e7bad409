package io.taskport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.Progress;
import io.taskport.TaskEvent;
import io.taskport.TaskId;
import io.taskport.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EventsTest {
  private final TaskId id = TaskId.random();

  private TaskEvent event(TaskStatus status) {
    return new TaskEvent(id, "ann", "accounts", status, Progress.NONE, Instant.EPOCH);
  }

  @Test
  void aChangeRightAfterTheSnapshotStillReachesTheNewSubscriber() {
    try (Events events = new Events(Clock.systemUTC())) {
      List<TaskStatus> seen = new CopyOnWriteArrayList<>();
      events.subscribe(
          id,
          e -> seen.add(e.status()),
          () -> {
            // the task ends after its state was read, before the subscriber is registered
            events.publish(event(TaskStatus.COMPLETED));
            return event(TaskStatus.RUNNING);
          });
      await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
      assertThat(seen).containsExactly(TaskStatus.RUNNING, TaskStatus.COMPLETED);
    }
  }
}
