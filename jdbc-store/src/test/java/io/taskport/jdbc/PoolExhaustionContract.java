package io.taskport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.taskport.Progress;
import io.taskport.Task;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.store.Heartbeat;
import io.taskport.testkit.TaskFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY scenario 4 at store level: a pool of two connections serves eight workers that all
 * hold a claimed task at the same moment, heartbeat it, write its file in chunks and complete it,
 * while an idle worker keeps waiting for work (on PostgreSQL its listener holds one of the two
 * connections). That only works if no call keeps a connection once it returns.
 */
abstract class PoolExhaustionContract {
  private static final int WORKERS = 8;
  private static final int ROUNDS = 5;

  /** Returns a Hikari pool of {@code size} connections that fails a borrow after 5 s. */
  protected abstract HikariDataSource pool(int size);

  @Test
  void eightWorkersOnTwoConnections_holdTasksWithoutHoldingConnections() throws Exception {
    String prefix = Services.randomPrefix();
    try (HikariDataSource ds = pool(2)) {
      ds.setConnectionTimeout(5_000);
      try {
        JdbcTaskStore store =
            JdbcTaskStore.builder(ds).tablePrefix(prefix).createSchema(true).build();
        JdbcFileStore files =
            JdbcFileStore.builder(ds)
                .tablePrefix(prefix)
                .createSchema(true)
                .chunkSize(1024)
                .build();
        for (int i = 0; i < WORKERS; i++) {
          store.create(TaskFixtures.pendingExport().build());
        }
        CyclicBarrier together = new CyclicBarrier(WORKERS);
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
        List<Future<Task>> done = new ArrayList<>();
        AtomicBoolean idle = new AtomicBoolean(true);
        try {
          Future<?> idler =
              pool.submit(
                  () -> {
                    // an idle dispatcher: waits on the store while it can, as long as the test runs
                    while (idle.get()
                        && store.awaitWork(Set.of("other"), Duration.ofMillis(200))) {}
                    return null;
                  });
          for (int w = 0; w < WORKERS; w++) {
            String worker = "w" + w;
            done.add(
                pool.submit(
                    () -> {
                      Task t =
                          store
                              .claim(worker, Set.of("accounts"), Duration.ofMinutes(1), 1).stream().findFirst()
                              .orElseThrow();
                      try (FileDraft draft = files.create(t.id(), "a.csv", "text/csv")) {
                        together.await(30, TimeUnit.SECONDS); // all eight hold a task now
                        for (int r = 0; r < ROUNDS; r++) {
                          Heartbeat hb =
                              store.heartbeat(
                                  t.fence(), Progress.of(r, ROUNDS), null, Duration.ofMinutes(1));
                          assertThat(hb).isEqualTo(Heartbeat.ALIVE);
                          draft.stream().write(new byte[1500]);
                          together.await(30, TimeUnit.SECONDS);
                        }
                        FileRef ref = draft.commit();
                        assertThat(store.complete(t.fence(), TaskResult.ofFile(ref), Progress.NONE)).isTrue();
                      }
                      return store.get(t.id()).orElseThrow();
                    }));
          }
          for (Future<Task> f : done) {
            Task t = f.get(120, TimeUnit.SECONDS);
            assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
            assertThat(t.result().file().size()).isEqualTo(1500L * ROUNDS);
          }
          idle.set(false);
          idler.get(30, TimeUnit.SECONDS);
        } finally {
          idle.set(false);
          pool.shutdownNow();
        }
        store.close();
        await()
            .atMost(Duration.ofSeconds(5))
            .until(() -> ds.getHikariPoolMXBean().getActiveConnections() == 0);
      } finally {
        Services.dropTables(ds, prefix);
      }
    }
  }
}
