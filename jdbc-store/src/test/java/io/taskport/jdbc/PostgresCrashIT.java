package io.taskport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.taskport.ExportRequest;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.testkit.ChildJvm;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.WorkerMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY scenarios 6 and 7 in small, on PostgreSQL: a worker JVM is killed with SIGKILL while
 * it runs tasks; a manager in this JVM recovers the expired leases by the database's clock and
 * completes every task, each with exactly one accepted final state and one finished handler
 * invocation; only tasks in flight on the killed worker ran twice.
 */
class PostgresCrashIT {
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final int TASKS = 12;

  private HikariDataSource ds;
  private String prefix;
  private Path dir;

  @BeforeEach
  void open() throws Exception {
    ds = Services.postgresPool(6);
    prefix = Services.randomPrefix();
    dir = Files.createTempDirectory("taskport-pg-crash");
  }

  @AfterEach
  void close() throws Exception {
    if (ds == null) {
      return; // PostgreSQL was not reachable: the test was skipped
    }
    try {
      Services.dropTables(ds, prefix);
    } finally {
      ds.close();
      deleteTree(dir);
    }
  }

  @Test
  void sigkilledWorker_hasItsTasksCompletedOnceByAnotherNode() throws Exception {
    Path audit = dir.resolve("audit.log");
    Path files = Files.createDirectories(dir.resolve("files"));
    InvocationAudit log = new InvocationAudit(audit);
    JdbcTaskStore submitStore =
        JdbcTaskStore.builder(ds).tablePrefix(prefix).createSchema(true).build();
    Map<String, String> props =
        Map.ofEntries(
            Map.entry("store.factory", PostgresWorkerStoreFactory.class.getName()),
            Map.entry("jdbc.url", Services.PG_URL),
            Map.entry("jdbc.prefix", prefix),
            Map.entry("files.dir", files.toString()),
            Map.entry("audit.file", audit.toString()),
            Map.entry("worker.id", "A"),
            Map.entry("workers", "4"),
            Map.entry("lease.millis", Long.toString(LEASE.toMillis())),
            Map.entry("work.millis", "3000"),
            Map.entry("rows", "10"));
    List<TaskId> ids = new ArrayList<>();
    try (ChildJvm a = ChildJvm.start(WorkerMain.class, props, dir.resolve("worker-a.log"));
        TaskManager submitter = manager(submitStore, files, log, "submitter", 0)) {
      a.awaitReady(Duration.ofSeconds(30));
      for (int i = 0; i < TASKS; i++) {
        ids.add(
            submitter
                .submit(
                    ExportRequest.of(WorkerMain.TYPE, "ann").format("tsv").params(Map.of("i", i)))
                .id());
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> log.invocations().stream().filter(x -> x.worker().equals("A")).count() >= 4);
      a.kill();
    }
    Set<TaskId> inFlightOnA = log.unfinished("A");
    assertThat(inFlightOnA).isNotEmpty();
    // A's leases are still RUNNING in the table: nobody but the database's clock frees them
    assertThat(inFlightOnA)
        .allMatch(id -> submitStore.get(id).orElseThrow().status() == TaskStatus.RUNNING);

    JdbcTaskStore storeB = JdbcTaskStore.builder(ds).tablePrefix(prefix).build();
    try (TaskManager b = manager(storeB, files, log, "B", 4)) {
      b.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  ids.stream()
                      .allMatch(
                          id ->
                              storeB.get(id).map(Task::status).orElse(null)
                                  == TaskStatus.COMPLETED));
      for (TaskId id : ids) {
        Task t = storeB.get(id).orElseThrow();
        assertThat(t.attempts().current()).isBetween(1, t.attempts().max());
        assertThat(t.result().file()).isNotNull();
      }
    }
    log.assertEachFinishedOnce(ids, inFlightOnA);
  }

  private static TaskManager manager(
      JdbcTaskStore store, Path files, InvocationAudit log, String worker, int workers) {
    return WorkerMain.node(store, files, log, worker, LEASE, 300, 10).workers(workers).build();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
