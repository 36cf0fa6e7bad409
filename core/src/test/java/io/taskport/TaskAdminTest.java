package io.taskport;

import static io.taskport.Fixtures.account;
import static io.taskport.Fixtures.export;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskport.file.LocalFileStore;
import io.taskport.store.CancelOutcome;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.ManualClock;
import io.taskport.testkit.RecordingListener;
import io.taskport.testkit.TsvFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskAdminTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();
  private final InMemoryTaskStore store = new InMemoryTaskStore(clock);
  private final List<TaskManager> managers = new ArrayList<>();
  private final AtomicBoolean broken = new AtomicBoolean(true);

  @AfterEach
  void closeManagers() {
    managers.forEach(TaskManager::close);
  }

  private TaskManager manager(int workers) {
    TaskManager m =
        TaskManager.builder()
            .store(store)
            .files(new LocalFileStore(dir))
            .clock(clock)
            .format(new TsvFormat())
            .workers(workers)
            .maxAttempts(2)
            .retention(Duration.ofHours(1))
            .pollInterval(Duration.ofMillis(20))
            .export(
                export(
                    "accounts",
                    (ctx, out) -> {
                      if (broken.get()) {
                        throw new NonRetryableException("BROKEN", "the source is down");
                      }
                      out.write(account(1));
                    }))
            .build();
    managers.add(m);
    m.start();
    return m;
  }

  private static ExportRequest accounts(String owner) {
    return ExportRequest.of("accounts", owner).format("tsv").params(Map.of("region", "EU"));
  }

  private static Task awaitStatus(TaskAdmin admin, TaskId id, TaskStatus status) {
    await().atMost(Duration.ofSeconds(20)).until(() -> admin.get(id).status() == status);
    return admin.get(id);
  }

  @Test
  void retry_runsAFailedTaskAgainUntilItCompletes() {
    TaskManager m = manager(1);
    TaskAdmin admin = m.admin();
    RecordingListener events = new RecordingListener();
    m.subscribeAll(events);
    TaskId id = m.submit(accounts("ann")).id();
    Task failed = awaitStatus(admin, id, TaskStatus.FAILED);
    assertThat(failed.error().code()).isEqualTo("BROKEN");
    assertThat(failed.attempts()).isEqualTo(new Attempts(1, 2));

    broken.set(false);
    Task retried = admin.retry(id);
    assertThat(retried.status()).isIn(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.COMPLETED);
    assertThat(retried.attempts().max()).isEqualTo(3);
    Task done = awaitStatus(admin, id, TaskStatus.COMPLETED);
    assertThat(done.attempts().current()).isEqualTo(2);
    assertThat(m.get(id, "ann").result().file()).isNotNull();
    await().until(() -> events.statuses().lastIndexOf(TaskStatus.COMPLETED) > events.statuses().indexOf(TaskStatus.FAILED));
  }

  @Test
  void retry_refusesATaskThatIsNotFailedAndAnUnknownOne() {
    TaskManager m = manager(0);
    TaskId pending = m.submit(accounts("ann")).id();
    assertThatThrownBy(() -> m.admin().retry(pending))
        .isInstanceOf(TaskStateException.class)
        .hasMessageContaining("is PENDING; only a FAILED task can be retried");
    assertThatThrownBy(() -> m.admin().retry(TaskId.random()))
        .isInstanceOf(TaskNotFoundException.class);
  }

  @Test
  void listGetCancelAndDelete_workOnEveryOwnersTasks() {
    TaskManager m = manager(0);
    TaskAdmin admin = m.admin();
    TaskId ann = m.submit(accounts("ann")).id();
    clock.advance(Duration.ofMillis(5));
    TaskId bob = m.submit(accounts("bob")).id();
    assertThat(admin.list(AdminQuery.all()).items()).extracting(Task::id).containsExactly(bob, ann);
    assertThat(admin.list(AdminQuery.all().owner("ann")).items()).extracting(Task::id).containsExactly(ann);
    assertThat(admin.get(bob).owner()).isEqualTo("bob");

    assertThatThrownBy(() -> admin.delete(bob)).isInstanceOf(TaskStateException.class);
    assertThat(admin.cancel(bob)).isEqualTo(CancelOutcome.CANCELLED);
    admin.delete(bob);
    assertThatThrownBy(() -> admin.get(bob)).isInstanceOf(TaskNotFoundException.class);
    assertThat(admin.counts()).containsExactly(new TaskCount("accounts", TaskStatus.PENDING, 1));
  }

  @Test
  void purgeNow_deletesExpiredTasksAtOnce() {
    TaskManager m = manager(0);
    TaskId old = m.submit(accounts("ann")).id();
    m.admin().cancel(old);
    TaskId kept = m.submit(accounts("bob")).id();
    assertThat(m.admin().purgeNow()).isZero();
    clock.advance(Duration.ofHours(2));
    assertThat(m.admin().purgeNow()).isEqualTo(1);
    assertThatThrownBy(() -> m.admin().get(old)).isInstanceOf(TaskNotFoundException.class);
    assertThat(m.admin().get(kept).status()).isEqualTo(TaskStatus.PENDING);
  }

  @Test
  void stats_giveQueueWaitAndThroughputOfTheWindow() {
    TaskManager m = manager(0);
    // three tasks created at the same instant: which two get claimed does not change the figures
    m.submit(accounts("ann"));
    m.submit(accounts("bob"));
    m.submit(accounts("carol"));
    clock.advance(Duration.ofSeconds(4));
    Task running = store.claim("w", java.util.Set.of("accounts"), Duration.ofMinutes(1), 1).get(0);
    clock.advance(Duration.ofSeconds(2));
    store.complete(
        running.fence(),
        TaskResult.ofFile(new io.taskport.file.FileRef("k", "a.tsv", 1, "text/plain")),
        Progress.of(1, 1));
    Task other = store.claim("w", java.util.Set.of("accounts"), Duration.ofMinutes(1), 1).get(0);
    store.fail(other.fence(), TaskError.of("X", "x"), null);
    clock.advance(Duration.ofSeconds(4));

    QueueStats s = m.admin().stats(Duration.ofMinutes(1));
    assertThat(s.sampled()).isEqualTo(3);
    assertThat(s.waiting()).isEqualTo(1);
    assertThat(s.averageWait()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.longestWait()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.completed()).isEqualTo(1);
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.finishedPerMinute()).isEqualTo(2.0);
    assertThat(m.admin().stats(Duration.ofSeconds(1)).sampled()).isZero();
    assertThatThrownBy(() -> m.admin().stats(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
