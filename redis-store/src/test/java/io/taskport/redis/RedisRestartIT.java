package io.taskport.redis;

import io.taskport.Progress;
import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskport.StoreException;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.file.FileRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;

/**
 * RELIABILITY.md scenario 12(d): a full Redis restart with AOF on, in the middle of a claim loop.
 * The test runs its own redis-server on a free loopback port.
 */
@SuppressWarnings("deprecation") // JedisPooled and JedisCluster: the clients most users have today
class RedisRestartIT {
  private static final Set<String> TYPES = Set.of("accounts");

  private Path dir;
  private RedisServerProcess server;
  private JedisPooled jedis;

  @BeforeEach
  void start() throws Exception {
    RedisTestSupport.requireProgram("redis-server");
    dir = Files.createTempDirectory("taskport-redis-restart");
    server =
        new RedisServerProcess(
                RedisServerProcess.freePort(), dir, "--appendonly", "yes", "--appendfsync", "always")
            .start();
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxWait(Duration.ofSeconds(2));
    jedis = new JedisPooled(pool, "127.0.0.1", server.port(), 1000);
  }

  @AfterEach
  void stop() throws Exception {
    if (jedis != null) {
      jedis.close();
    }
    if (server != null) {
      server.close();
    }
    RedisServerProcess.deleteTree(dir);
  }

  @Test
  void claimLoop_failsDuringTheOutageAndResumesWithEveryTaskKept() throws Exception {
    RedisTaskStore store = RedisTaskStore.builder(jedis).prefix("restart").build();
    List<TaskId> created = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      created.add(store.create(pendingExport().build()).id());
    }
    Set<TaskId> done = new HashSet<>();
    AtomicInteger outageErrors = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      done.add(claimAndComplete(store).orElseThrow());
    }

    server.stop();
    assertThatThrownBy(() -> store.claim("w1", TYPES, Duration.ofSeconds(30), 1).stream().findFirst())
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("claim");
    outageErrors.incrementAndGet();
    server.start();

    // the same loop a worker runs: errors until the pool reconnects, then work again
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              try {
                return claimAndComplete(store).map(done::add).isPresent();
              } catch (StoreException e) {
                outageErrors.incrementAndGet();
                return false;
              }
            });
    for (Optional<TaskId> t = claimAndComplete(store); t.isPresent(); t = claimAndComplete(store)) {
      done.add(t.get());
    }
    assertThat(done).containsExactlyInAnyOrderElementsOf(created);
    for (TaskId id : created) {
      assertThat(store.get(id).map(Task::status)).contains(TaskStatus.COMPLETED);
    }
    assertThat(outageErrors.get()).isPositive();
    store.close();
  }

  private static Optional<TaskId> claimAndComplete(RedisTaskStore store) {
    Optional<Task> t = store.claim("w1", TYPES, Duration.ofSeconds(30), 1).stream().findFirst();
    t.ifPresent(
        task ->
            assertThat(
                    store.complete(
                        task.fence(),
                        TaskResult.ofFile(new FileRef("t/" + task.id(), "a.csv", 1, "text/csv")), Progress.NONE))
                .isTrue());
    return t.map(Task::id);
  }
}
