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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * RELIABILITY.md scenario 8 across processes: a worker JVM frozen with SIGSTOP while it runs a
 * task. Past its lease another node takes the task over with the next attempt and completes it;
 * after SIGCONT every write of the zombie is rejected by the fence, the task keeps its one final
 * state, and only the successor's file is published. A short pause changes nothing.
 */
class RedisZombieIT {
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final List<String> REJECTED =
      List.of("lease had passed to another worker", "lease lost to another worker");

  private RedisClient jedis;
  private String prefix;
  private Path dir;
  private Path files;
  private Path audit;
  private InvocationAudit log;

  @BeforeEach
  void open() throws Exception {
    jedis = RedisTestSupport.connect();
    prefix = RedisTestSupport.randomPrefix();
    dir = Files.createTempDirectory("taskport-redis-zombie");
    files = Files.createDirectories(dir.resolve("files"));
    audit = dir.resolve("audit.log");
    log = new InvocationAudit(audit);
  }

  @AfterEach
  void close() throws Exception {
    RedisTestSupport.deleteAll(jedis, prefix);
    jedis.close();
    RedisServerProcess.deleteTree(dir);
  }

  @Test
  void pausedPastItsLease_zombieIsFencedOffAndTheSuccessorsFileIsTheOnlyOne() throws Exception {
    Path zombieLog = dir.resolve("worker-a.log");
    try (ChildJvm a = ChildJvm.start(WorkerMain.class, workerProps(4000), zombieLog);
        RedisTaskStore store = RedisTaskStore.builder(jedis).prefix(prefix).build();
        TaskManager submitter = node(store, "submitter", 0)) {
      a.awaitReady(Duration.ofSeconds(30));
      TaskId id = submit(submitter);
      awaitStartedBy(id, "A");
      a.pause();
      Instant pausedAt = Instant.now();

      Task done;
      try (RedisTaskStore storeB = RedisTaskStore.builder(jedis).prefix(prefix).build();
          TaskManager b = node(storeB, "B", 2)) {
        b.start();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> store.get(id).map(Task::status).orElse(null) == TaskStatus.COMPLETED);
        done = store.get(id).orElseThrow();
      }
      assertThat(done.attempts().current()).as("the successor's attempt").isEqualTo(2);
      // hold the freeze for two leases in all, as the scenario asks
      Duration left = Duration.between(Instant.now(), pausedAt.plus(LEASE.multipliedBy(2)));
      if (!left.isNegative()) {
        await().pollDelay(left).atMost(left.plusSeconds(1)).until(() -> true);
      }
      a.resume();

      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> REJECTED.stream().anyMatch(Files.readString(zombieLog)::contains));
      Files.readAllLines(zombieLog).stream()
          .filter(l -> REJECTED.stream().anyMatch(l::contains))
          .forEach(l -> System.out.println("scenario 8: the zombie logged: " + l));
      assertThat(store.get(id)).as("the task after the zombie's writes").contains(done);
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                assertThat(filesOf(files.resolve(id.value())))
                    .containsExactly(files.resolve(done.result().file().key()));
                assertThat(filesOf(files.resolve(".tmp")))
                    .noneMatch(p -> p.getFileName().toString().startsWith(id.value()));
              });
      assertThat(log.invocations())
          .filteredOn(i -> i.taskId().equals(id) && i.end() != null && i.worker().equals("B"))
          .extracting(InvocationAudit.Invocation::attempt)
          .containsExactly(2);
    }
  }

  @Test
  void shortPause_triggersNoTakeover() throws Exception {
    try (ChildJvm a = ChildJvm.start(WorkerMain.class, workerProps(1000), dir.resolve("a.log"));
        RedisTaskStore store = RedisTaskStore.builder(jedis).prefix(prefix).build();
        TaskManager submitter = node(store, "submitter", 0);
        RedisTaskStore storeB = RedisTaskStore.builder(jedis).prefix(prefix).build();
        TaskManager b = node(storeB, "B", 2)) {
      a.awaitReady(Duration.ofSeconds(30));
      TaskId id = submit(submitter);
      awaitStartedBy(id, "A");
      b.start(); // a sweeping node, ready to take over an expired lease
      a.pause();
      await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> true);
      a.resume();
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> store.get(id).map(Task::status).orElse(null) == TaskStatus.COMPLETED);
      assertThat(store.get(id).orElseThrow().attempts().current()).isEqualTo(1);
      assertThat(log.countByTask()).containsExactly(Map.entry(id, 1));
    }
  }

  private Map<String, String> workerProps(long workMillis) {
    Map<String, String> p = new HashMap<>();
    p.put("store.factory", RedisWorkerStoreFactory.class.getName());
    p.put("redis.url", RedisTestSupport.uri().toString());
    p.put("redis.prefix", prefix);
    p.put("files.dir", files.toString());
    p.put("audit.file", audit.toString());
    p.put("worker.id", "A");
    p.put("workers", "1");
    p.put("lease.millis", Long.toString(LEASE.toMillis()));
    p.put("work.millis", Long.toString(workMillis));
    p.put("rows", "10");
    return p;
  }

  private TaskManager node(RedisTaskStore store, String worker, int workers) {
    return WorkerMain.node(store, files, log, worker, LEASE, 100, 10).workers(workers).build();
  }

  private static TaskId submit(TaskManager submitter) {
    return submitter
        .submit(ExportRequest.of(WorkerMain.TYPE, "ann").format("tsv").params(Map.of("i", 1)))
        .id();
  }

  private void awaitStartedBy(TaskId id, String worker) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                log.invocations().stream()
                    .anyMatch(i -> i.taskId().equals(id) && i.worker().equals(worker)));
  }

  private static List<Path> filesOf(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }
}
