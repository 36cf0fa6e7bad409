package io.taskport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.AdminQuery;
import io.taskport.ExportRequest;
import io.taskport.Progress;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskQuery;
import io.taskport.TaskStatus;
import io.taskport.store.CancelOutcome;
import io.taskport.store.TaskStore;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.TaskFixtures;
import io.taskport.testkit.WorkerMain;
import io.taskport.testkit.TaskStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The store contract on a Redis Cluster of three masters, started here on loopback ports (7101 to
 * 7103 when free) and torn down after; shows that every script keeps to one slot.
 */
@SuppressWarnings("deprecation") // JedisPooled and JedisCluster: the clients most users have today
class RedisClusterTaskStoreIT extends TaskStoreContract {
  private static final List<RedisServerProcess> NODES = new ArrayList<>();
  private static Path dir;
  private static JedisCluster cluster;
  private String prefix;

  @BeforeAll
  static void startCluster() throws Exception {
    RedisTestSupport.requireProgram("redis-server");
    RedisTestSupport.requireProgram("redis-cli");
    dir = Files.createTempDirectory("taskport-redis-cluster");
    int base = RedisServerProcess.isFree(7101) && RedisServerProcess.isFree(7102)
            && RedisServerProcess.isFree(7103) ? 7101 : -1;
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int port = base > 0 ? base + i : RedisServerProcess.freePort();
      NODES.add(
          new RedisServerProcess(
                  port, dir,
                  "--cluster-enabled", "yes",
                  "--cluster-config-file", "nodes-" + port + ".conf",
                  "--appendonly", "no")
              .start());
      addresses.add("127.0.0.1:" + port);
    }
    List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    create.addAll(addresses);
    create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Process p =
        new ProcessBuilder(create)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("cluster-create.log").toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "redis-cli --cluster create failed: " + Files.readString(dir.resolve("cluster-create.log")));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> NODES.stream().allMatch(RedisClusterTaskStoreIT::clusterOk));
    Set<HostAndPort> seeds = new HashSet<>();
    NODES.forEach(n -> seeds.add(new HostAndPort("127.0.0.1", n.port())));
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(32);
    cluster = new JedisCluster(seeds, 2000, 2000, 5, pool);
  }

  private static boolean clusterOk(RedisServerProcess node) {
    try (Jedis j = new Jedis("127.0.0.1", node.port())) {
      return j.clusterInfo().contains("cluster_state:ok");
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
    for (RedisServerProcess n : NODES) {
      n.close();
    }
    NODES.clear();
    RedisServerProcess.deleteTree(dir);
  }

  /**
   * RELIABILITY.md scenario 13(d): two queues, stores with prefixes whose hash tags live on
   * different masters, each run every script and a manager's load side by side; no script meets
   * CROSSSLOT, and every task completes on its first attempt.
   */
  @Test
  void twoQueuesOnDifferentMasters_runEveryScriptWithoutCrossSlot() throws Exception {
    String first = prefixInSlots(0, 5000);
    String second = prefixInSlots(11_000, 16_383);
    Path files = Files.createTempDirectory("taskport-redis-cluster-files");
    InvocationAudit audit = new InvocationAudit();
    List<TaskId> ids = new ArrayList<>();
    try (RedisTaskStore one = RedisTaskStore.builder(cluster).prefix(first).build();
        RedisTaskStore two = RedisTaskStore.builder(cluster).prefix(second).build();
        TaskManager m1 = WorkerMain.node(one, files, audit, "one", Duration.ofSeconds(5), 5, 3).workers(2).build();
        TaskManager m2 = WorkerMain.node(two, files, audit, "two", Duration.ofSeconds(5), 5, 3).workers(2).build()) {
      everyScript(one);
      everyScript(two);
      m1.start();
      m2.start();
      for (int i = 0; i < 50; i++) {
        ids.add(m1.submit(ExportRequest.of(WorkerMain.TYPE, "ann").format("tsv").params(Map.of("i", i))).id());
        ids.add(m2.submit(ExportRequest.of(WorkerMain.TYPE, "bob").format("tsv").params(Map.of("i", i))).id());
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  ids.stream()
                      .allMatch(
                          id ->
                              Stream.of(one, two)
                                  .anyMatch(st -> st.get(id).map(Task::isTerminal).orElse(false))));
      for (TaskId id : ids) {
        Task t = one.get(id).or(() -> two.get(id)).orElseThrow();
        assertThat(t.status()).as("status of %s", id).isEqualTo(TaskStatus.COMPLETED);
        assertThat(t.attempts().current()).as("attempt of %s", id).isEqualTo(1);
      }
      assertThat(nodeHolding(first)).as("masters of the two queues").isNotEqualTo(nodeHolding(second));
    } finally {
      RedisTestSupport.deleteAll(cluster, first);
      RedisTestSupport.deleteAll(cluster, second);
      RedisServerProcess.deleteTree(files);
    }
  }

  /**
   * Runs create with dedup, claim, heartbeat, retry, release, cancel, recover, purge, list, the
   * operator's retry, listAll and counts, and delete.
   */
  private static void everyScript(RedisTaskStore s) {
    Set<String> types = Set.of("accounts");
    TaskId dedup = s.create(TaskFixtures.pendingExport().dedupKey("k").build()).id();
    assertThat(s.create(TaskFixtures.pendingExport().dedupKey("k").build()).id()).isEqualTo(dedup);
    Task t = s.claim("w", types, Duration.ofSeconds(30), 1).stream().findFirst().orElseThrow();
    s.heartbeat(t.fence(), Progress.of(1, 2), "c", Duration.ofSeconds(30));
    assertThat(s.fail(t.fence(), TaskError.of("X", "x"), Duration.ZERO)).isTrue();
    t = s.claim("w", types, Duration.ofSeconds(30), 1).stream().findFirst().orElseThrow();
    assertThat(s.release(t.fence())).isTrue();
    t = s.claim("w", types, Duration.ofSeconds(30), 1).stream().findFirst().orElseThrow();
    assertThat(s.requestCancel(t.id())).isEqualTo(CancelOutcome.REQUESTED);
    assertThat(s.cancelled(t.fence())).isTrue();
    TaskId pending = s.create(TaskFixtures.pendingExport().retention(Duration.ZERO).build()).id();
    assertThat(s.requestCancel(pending)).isEqualTo(CancelOutcome.CANCELLED);
    s.create(TaskFixtures.pendingExport().build());
    s.claim("w", types, Duration.ofMillis(1), 1).stream().findFirst().orElseThrow();
    await().atMost(Duration.ofSeconds(5)).until(() -> !s.recoverExpiredLeases(10).isEmpty());
    await().atMost(Duration.ofSeconds(5)).until(() -> !s.purgeExpired(10).isEmpty());
    assertThat(s.list(TaskQuery.of("ann")).items()).isNotEmpty();
    s.create(TaskFixtures.pendingExport().dedupKey("failing").build());
    t = s.claim("w", types, Duration.ofSeconds(30), 1).stream().findFirst().orElseThrow();
    assertThat(s.fail(t.fence(), TaskError.of("X", "x"), null)).isTrue();
    assertThat(s.retry(t.id(), 1)).isTrue();
    assertThat(s.listAll(AdminQuery.all()).items()).extracting(Task::id).contains(t.id());
    assertThat(s.counts()).isNotEmpty();
    assertThat(s.delete(dedup)).isTrue();
  }

  private static String prefixInSlots(int from, int to) {
    for (int i = 0; ; i++) {
      String p = RedisTestSupport.randomPrefix();
      int slot = JedisClusterCRC16.getSlot("{" + p + "}");
      if (slot >= from && slot <= to) {
        return p;
      }
    }
  }

  private static int nodeHolding(String prefix) {
    for (RedisServerProcess n : NODES) {
      try (Jedis j = new Jedis("127.0.0.1", n.port())) {
        if (!j.keys("{" + prefix + "}:*").isEmpty()) {
          return n.port();
        }
      }
    }
    throw new AssertionError("no node holds keys of " + prefix);
  }

  @Override
  protected TaskStore createStore() {
    prefix = RedisTestSupport.randomPrefix();
    return RedisTaskStore.builder(cluster).prefix(prefix).build();
  }

  @Override
  protected void dropStore(TaskStore store) {
    RedisTestSupport.deleteAll(cluster, prefix);
  }

  @Override
  protected Duration lease() {
    return Duration.ofMillis(500);
  }

  @Override
  protected void elapse(Duration d) {
    long until = RedisTestSupport.serverMillis(cluster, prefix) + d.toMillis() + 1;
    await()
        .atMost(d.plusSeconds(5))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> RedisTestSupport.serverMillis(cluster, prefix) >= until);
  }
}
