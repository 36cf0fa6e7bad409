package io.taskport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.ExportRequest;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.testkit.ChildJvm;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.WorkerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * RELIABILITY.md scenarios 6 and 7 in small: a worker JVM is killed with SIGKILL while it runs
 * tasks; a manager in this JVM recovers the expired leases by Redis's clock and completes every
 * task, each with exactly one accepted final state and one finished handler invocation.
 */
@SuppressWarnings("deprecation") // JedisCluster: the cluster client most users have today
class RedisCrashIT {
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final int TASKS = 12;

  private RedisClient jedis;
  private String prefix;
  private Path dir;

  @BeforeEach
  void open() throws Exception {
    jedis = RedisTestSupport.connect();
    prefix = RedisTestSupport.randomPrefix();
    dir = Files.createTempDirectory("taskport-redis-crash");
  }

  @AfterEach
  void close() throws Exception {
    RedisTestSupport.deleteAll(jedis, prefix);
    jedis.close();
    RedisServerProcess.deleteTree(dir);
  }

  @Test
  void sigkilledWorker_hasItsTasksCompletedOnceByAnotherNode() throws Exception {
    Path audit = dir.resolve("audit.log");
    Path files = Files.createDirectories(dir.resolve("files"));
    InvocationAudit log = new InvocationAudit(audit);
    Map<String, String> props =
        Map.of(
            "store.factory", RedisWorkerStoreFactory.class.getName(),
            "redis.url", RedisTestSupport.uri().toString(),
            "redis.prefix", prefix,
            "files.dir", files.toString(),
            "audit.file", audit.toString(),
            "worker.id", "A",
            "workers", "4",
            "lease.millis", Long.toString(LEASE.toMillis()),
            "work.millis", "3000",
            "rows", "10");
    List<TaskId> ids = new ArrayList<>();
    try (ChildJvm a = ChildJvm.start(WorkerMain.class, props, dir.resolve("worker-a.log"));
        RedisTaskStore submitStore = RedisTaskStore.builder(jedis).prefix(prefix).build();
        TaskManager submitter = manager(submitStore, files, log, "submitter", 0)) {
      a.awaitReady(Duration.ofSeconds(30));
      for (int i = 0; i < TASKS; i++) {
        ids.add(
            submitter
                .submit(ExportRequest.of(WorkerMain.TYPE, "ann").format("tsv").params(Map.of("i", i)))
                .id());
      }
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> log.invocations().stream().filter(x -> x.worker().equals("A")).count() >= 4);
      a.kill();
    }
    Set<TaskId> inFlightOnA = log.unfinished("A");
    assertThat(inFlightOnA).isNotEmpty();

    try (RedisTaskStore storeB = RedisTaskStore.builder(jedis).prefix(prefix).build();
        TaskManager b = manager(storeB, files, log, "B", 4)) {
      b.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  ids.stream()
                      .allMatch(
                          id -> storeB.get(id).map(Task::status).orElse(null) == TaskStatus.COMPLETED));
      for (TaskId id : ids) {
        Task t = storeB.get(id).orElseThrow();
        assertThat(t.attempts().current()).isBetween(1, t.attempts().max());
      }
    }
    log.assertEachFinishedOnce(ids, inFlightOnA);
  }

  private static TaskManager manager(
      RedisTaskStore store, Path files, InvocationAudit log, String worker, int workers) {
    return WorkerMain.node(store, files, log, worker, LEASE, 300, 10).workers(workers).build();
  }
}
