package io.taskport;

import static io.taskport.Fixtures.export;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.file.LocalFileStore;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.ManualClock;
import io.taskport.testkit.TsvFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks recovered together from a dead worker: one of them may be the poison pill that killed it,
 * so on their final attempt they never run side by side on one node.
 */
class LostTaskTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();
  private final InMemoryTaskStore store = new InMemoryTaskStore(clock);
  private final List<TaskManager> managers = new ArrayList<>();
  private final List<TaskId> started = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    managers.forEach(TaskManager::close);
  }

  @Test
  void lostTasksOnTheirFinalAttemptRunOneAtATime() {
    List<TaskId> ids = loseTwoTasks(2);
    start();
    await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 1);
    // four slots are free, yet the other lost task waits until this one ends
    await("the second lost task stays apart")
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> started.size() == 1);
    release.countDown();
    for (TaskId id : ids) {
      await().atMost(Duration.ofSeconds(10)).until(() -> status(id) == TaskStatus.COMPLETED);
      assertThat(store.get(id).orElseThrow().attempts().current()).isEqualTo(2);
    }
    assertThat(started).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void lostTasksWithAttemptsToSpareRunSideBySide() {
    List<TaskId> ids = loseTwoTasks(3);
    start();
    await().atMost(Duration.ofSeconds(10)).until(() -> started.size() == 2);
    release.countDown();
    for (TaskId id : ids) {
      await().atMost(Duration.ofSeconds(10)).until(() -> status(id) == TaskStatus.COMPLETED);
    }
  }

  /** Submits two tasks, lets a worker that then dies claim both, and recovers them. */
  private List<TaskId> loseTwoTasks(int maxAttempts) {
    TaskManager submitter = manager(0).maxAttempts(maxAttempts).build();
    managers.add(submitter);
    List<TaskId> ids = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ExportRequest r =
          ExportRequest.of("accounts", "ann").format("tsv").params(Map.of("region", "R" + i));
      ids.add(submitter.submit(r).id());
    }
    assertThat(store.claim("dead", Set.of("accounts"), LEASE, 2)).hasSize(2);
    clock.advance(LEASE.plusSeconds(1));
    assertThat(store.recoverExpiredLeases(10)).hasSize(2);
    for (TaskId id : ids) {
      Task t = store.get(id).orElseThrow();
      assertThat(t.status()).isEqualTo(TaskStatus.PENDING);
      assertThat(t.error().code()).isEqualTo(TaskError.LEASE_LOST);
    }
    return ids;
  }

  private void start() {
    TaskManager m = manager(4).build();
    managers.add(m);
    m.start();
  }

  private TaskManagerBuilder manager(int workers) {
    return TaskManager.builder()
        .store(store)
        .files(new LocalFileStore(dir))
        .clock(clock)
        .format(new TsvFormat())
        .lease(LEASE)
        .workers(workers)
        .pollInterval(Duration.ofMillis(50))
        .export(
            export(
                "accounts",
                (ctx, out) -> {
                  started.add(ctx.taskId());
                  release.await(20, TimeUnit.SECONDS);
                }));
  }

  private TaskStatus status(TaskId id) {
    return store.get(id).orElseThrow().status();
  }
}
