package io.taskport;

import static io.taskport.Fixtures.export;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.file.LocalFileStore;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.FaultyTaskStore;
import io.taskport.testkit.TsvFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a node claims: one store call fills its free slots, and an idle node waits on the store. */
class ClaimingTest {
  @TempDir Path dir;
  private final FaultyTaskStore store = new FaultyTaskStore(new InMemoryTaskStore());
  private final List<TaskManager> managers = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    managers.forEach(TaskManager::close);
  }

  private TaskManager start(int workers, Duration pollInterval) {
    TaskManager m =
        TaskManager.builder()
            .store(store)
            .files(new LocalFileStore(dir))
            .format(new TsvFormat())
            .workers(workers)
            .pollInterval(pollInterval)
            .export(export("accounts", (ctx, out) -> release.await(20, TimeUnit.SECONDS)))
            .build();
    managers.add(m);
    m.start();
    return m;
  }

  private static ExportRequest request(int i) {
    return ExportRequest.of("accounts", "ann").format("tsv").params(Map.of("limit", i));
  }

  private static long running(TaskManager m) {
    return m.list(TaskQuery.of("ann").status(TaskStatus.RUNNING)).items().size();
  }

  @Test
  void oneClaimFillsEveryFreeSlot() {
    TaskManager submitter = start(0, Duration.ofMillis(20));
    for (int i = 0; i < 6; i++) {
      submitter.submit(request(i));
    }
    TaskManager worker = start(4, Duration.ofMillis(20));
    await().atMost(Duration.ofSeconds(20)).until(() -> running(worker) == 4);
    assertThat(store.batches()).first().satisfies(b -> assertThat(b).containsExactly(4, 4));
    release.countDown();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> worker.list(TaskQuery.of("ann").status(TaskStatus.COMPLETED)).items().size() == 6);
    assertThat(store.batches()).allSatisfy(b -> assertThat(b[1]).isLessThanOrEqualTo(b[0]));
  }

  @Test
  void anIdleNodeWaitsOnAStoreThatCanWaitAndWakesOnWorkFromAnotherNode() {
    store.waitsForWork(true);
    // a poll interval far longer than the test: only the store's wake-up can start the task
    TaskManager worker = start(2, Duration.ofMinutes(5));
    TaskManager submitter = start(0, Duration.ofMinutes(5));
    await().atMost(Duration.ofSeconds(20)).until(() -> store.waits() > 0);
    TaskId id = submitter.submit(request(1)).id();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> worker.get(id, "ann").status() == TaskStatus.RUNNING);
  }
}
