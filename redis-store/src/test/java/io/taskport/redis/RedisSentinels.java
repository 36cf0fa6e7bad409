package io.taskport.redis;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A primary, a replica and three Sentinels on free loopback ports, in a temporary directory, for
 * the failover tests of RELIABILITY.md scenario 12. Sentinels run as {@code redis-sentinel}, or as
 * {@code redis-server --sentinel} where Debian's redis-sentinel package is not installed (the same
 * program). Everything is killed and deleted on {@link #close()}.
 */
final class RedisSentinels implements AutoCloseable {
  static final String MASTER = "taskport";
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private final Path dir;
  private final Map<Integer, RedisServerProcess> nodes = new HashMap<>();
  private final List<Process> sentinels = new ArrayList<>();
  private final Set<HostAndPort> sentinelAddresses = new LinkedHashSet<>();

  private RedisSentinels(Path dir) {
    this.dir = dir;
  }

  /** Starts the topology and waits until the Sentinels know each other and the replica. */
  static RedisSentinels start() throws Exception {
    RedisTestSupport.requireProgram("redis-server");
    RedisSentinels s = new RedisSentinels(Files.createTempDirectory("taskport-redis-sentinel"));
    try {
      int primary = RedisServerProcess.freePort();
      s.startNode(primary);
      s.startNode(
          RedisServerProcess.freePort(), "--replicaof", "127.0.0.1", Integer.toString(primary));
      for (int i = 0; i < 3; i++) {
        s.startSentinel(RedisServerProcess.freePort(), primary);
      }
      s.awaitHealthy();
      return s;
    } catch (Exception | AssertionError e) {
      s.close();
      throw e;
    }
  }

  private void startNode(int port, String... extra) throws IOException {
    nodes.put(port, new RedisServerProcess(port, dir, extra).start());
  }

  private void startSentinel(int port, int primary) throws IOException {
    Path conf = dir.resolve("sentinel-" + port + ".conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "port " + port,
            "bind 127.0.0.1",
            "dir " + dir,
            "sentinel monitor " + MASTER + " 127.0.0.1 " + primary + " 2",
            // long enough that a primary slowed by a full sync on a busy two-core machine is not
            // failed over a second time, onto a replica still loading
            "sentinel down-after-milliseconds " + MASTER + " 2500",
            "sentinel failover-timeout " + MASTER + " 3000",
            "sentinel parallel-syncs " + MASTER + " 1",
            ""));
    List<String> cmd = new ArrayList<>();
    if (RedisTestSupport.hasProgram("redis-sentinel")) {
      cmd.addAll(List.of("redis-sentinel", conf.toString()));
    } else {
      cmd.addAll(List.of("redis-server", conf.toString(), "--sentinel"));
    }
    sentinels.add(
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sentinel-" + port + ".log").toFile())
            .start());
    HostAndPort address = new HostAndPort("127.0.0.1", port);
    sentinelAddresses.add(address);
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(() -> "PONG".equals(sentinel(address, Jedis::ping)));
  }

  Set<HostAndPort> sentinelAddresses() {
    return sentinelAddresses;
  }

  /** A Sentinel-aware client with its own pool, as one application node would have. */
  RedisSentinelClient client() {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(16);
    pool.setMaxWait(Duration.ofSeconds(2));
    return RedisSentinelClient.builder()
        .masterName(MASTER)
        .sentinels(sentinelAddresses)
        .clientConfig(
            DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(1000)
                .socketTimeoutMillis(2000)
                .build())
        .poolConfig(pool)
        .build();
  }

  /** The primary as the first Sentinel reports it. */
  HostAndPort primary() {
    return sentinel(sentinelAddresses.iterator().next(), j -> j.sentinelGetMasterAddrByName(MASTER))
        .stream()
        .reduce((host, port) -> host + ":" + port)
        .map(HostAndPort::from)
        .orElseThrow();
  }

  /** The data node that is not the primary. */
  HostAndPort replica() {
    int p = primary().getPort();
    return nodes.keySet().stream()
        .filter(port -> port != p)
        .map(port -> new HostAndPort("127.0.0.1", port))
        .findFirst()
        .orElseThrow();
  }

  /**
   * Waits until every Sentinel names the same primary, knows the two other Sentinels, and sees the
   * replica online and in sync, so that the next failover can pick it.
   */
  void awaitHealthy() {
    try {
      await()
          .atMost(SETTLE)
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(this::healthy);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "Sentinel topology not healthy within " + SETTLE + ": " + unhealthy, e);
    }
  }

  private volatile String unhealthy = "not checked";

  private boolean healthy() {
    HostAndPort primary = primary();
    for (HostAndPort s : sentinelAddresses) {
      Map<String, String> master = sentinel(s, j -> j.sentinelMaster(MASTER));
      if (primary.getPort() != Integer.parseInt(master.get("port"))
          || !"2".equals(master.get("num-other-sentinels"))
          || !"master".equals(master.get("flags"))) {
        unhealthy = "sentinel " + s + " reports master " + master;
        return false;
      }
      List<Map<String, String>> replicas = sentinel(s, j -> j.sentinelReplicas(MASTER));
      boolean replicaOk =
          replicas.stream()
              .anyMatch(
                  r ->
                      "slave".equals(r.get("flags"))
                          && Integer.parseInt(r.get("port")) == replica().getPort());
      if (!replicaOk) {
        unhealthy = "sentinel " + s + " reports replicas " + replicas;
        return false;
      }
    }
    try (Jedis j = new Jedis(primary)) {
      String info = j.info("replication");
      if (!info.contains("role:master") || !info.contains("state=online")) {
        unhealthy = "primary " + primary + " reports " + info;
        return false;
      }
    }
    unhealthy = "replica " + replica() + " is behind the primary";
    return inSync();
  }

  /** Whether the replica has applied everything the primary has written so far. */
  boolean inSync() {
    long primaryOffset;
    try (Jedis j = new Jedis(primary())) {
      primaryOffset = offset(j.info("replication"), "master_repl_offset:");
    }
    try (Jedis j = new Jedis(replica())) {
      String info = j.info("replication");
      return info.contains("master_link_status:up")
          && offset(info, "slave_repl_offset:") >= primaryOffset;
    }
  }

  /** Waits until the replica has everything the primary acknowledged so far. */
  void awaitReplicated() {
    long target;
    try (Jedis j = new Jedis(primary())) {
      target = offset(j.info("replication"), "master_repl_offset:");
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              try (Jedis j = new Jedis(replica())) {
                return offset(j.info("replication"), "slave_repl_offset:") >= target;
              }
            });
  }

  private static long offset(String info, String field) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.substring(field.length()).trim());
      }
    }
    return -1;
  }

  /**
   * Asks a Sentinel for a failover, waits until every Sentinel names the new primary, then turns
   * the old one into its replica at once, as Sentinel itself does some seconds later.
   *
   * @return the demoted node
   */
  HostAndPort failover() {
    HostAndPort old = primary();
    HostAndPort now = null;
    List<HostAndPort> askable = new ArrayList<>(sentinelAddresses);
    for (int attempt = 0; now == null; attempt++) {
      // a Sentinel whose view of the replica is a few seconds stale aborts the failover
      // (no good replica): ask the next one
      HostAndPort asked = askable.get(attempt % askable.size());
      try {
        sentinel(asked, j -> j.sentinelFailover(MASTER));
      } catch (JedisDataException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
      try {
        now = awaitSwitchFrom(old, Duration.ofSeconds(10));
      } catch (ConditionTimeoutException e) {
        if (attempt >= 5) {
          throw new AssertionError("no failover away from " + old + " after 6 requests", e);
        }
      }
    }
    try (Jedis j = new Jedis(old)) {
      j.replicaof(now.getHost(), now.getPort());
    }
    return old;
  }

  /**
   * Kills the primary with SIGKILL, waits until the Sentinels promote the replica, then restarts
   * the killed node (empty: no persistence) as the new primary's replica.
   *
   * @return the killed node
   */
  HostAndPort killPrimary() throws Exception {
    HostAndPort old = primary();
    RedisServerProcess killed = nodes.get(old.getPort());
    killed.kill();
    HostAndPort now = awaitSwitchFrom(old, SETTLE);
    nodes.put(
        old.getPort(),
        new RedisServerProcess(
                old.getPort(), dir, "--replicaof", now.getHost(), Integer.toString(now.getPort()))
            .start());
    return old;
  }

  private HostAndPort awaitSwitchFrom(HostAndPort old, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(
            () ->
                sentinelAddresses.stream()
                    .allMatch(
                        s ->
                            !String.valueOf(old.getPort())
                                .equals(
                                    sentinel(s, j -> j.sentinelGetMasterAddrByName(MASTER))
                                        .get(1))));
    return primary();
  }

  private static <T> T sentinel(HostAndPort address, Function<Jedis, T> call) {
    try (Jedis j = new Jedis(address)) {
      return call.apply(j);
    }
  }

  @Override
  public void close() throws Exception {
    for (Process p : sentinels) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (RedisServerProcess n : nodes.values()) {
      n.kill();
    }
    if (!Boolean.getBoolean("taskport.keepDirs")) {
      RedisServerProcess.deleteTree(dir);
    }
  }
}
