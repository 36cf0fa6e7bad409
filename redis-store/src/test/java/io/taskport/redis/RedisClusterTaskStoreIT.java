package io.taskport.redis;

import static org.awaitility.Awaitility.await;

import io.taskport.store.TaskStore;
import io.taskport.testkit.TaskStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

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
