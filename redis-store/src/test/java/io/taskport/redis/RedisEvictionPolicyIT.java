package io.taskport.redis;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * RELIABILITY.md scenario 13(a): a store refuses to start on a Redis whose {@code maxmemory-policy}
 * may evict its keys, and starts on one that disables CONFIG. The test runs its own redis-server
 * processes on free loopback ports.
 */
class RedisEvictionPolicyIT {
  private Path dir;
  private RedisServerProcess server;
  private RedisClient client;

  @BeforeEach
  void dir() throws Exception {
    RedisTestSupport.requireProgram("redis-server");
    dir = Files.createTempDirectory("taskport-redis-eviction");
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    RedisServerProcess.deleteTree(dir);
  }

  @Test
  void build_refusesAnEvictingPolicy() throws Exception {
    start("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru");
    assertThatThrownBy(() -> RedisTaskStore.builder(client).prefix("evict").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxmemory-policy allkeys-lru")
        .hasMessageContaining("noeviction")
        .hasMessageContaining("{evict}");
    assertThat(client.ping()).as("a caller's client stays open").isEqualTo("PONG");
  }

  @Test
  void build_acceptsTheRiskWhenTheCheckIsOff() throws Exception {
    start("--maxmemory-policy", "volatile-lru");
    try (RedisTaskStore store =
        RedisTaskStore.builder(client).prefix("evict").checkServer(false).build()) {
      assertThat(store.create(pendingExport().build()).created()).isTrue();
    }
  }

  @Test
  void build_startsWhereConfigIsDisabled() throws Exception {
    start("--maxmemory-policy", "allkeys-lru", "--rename-command", "CONFIG", "\"\"");
    try (RedisTaskStore store = RedisTaskStore.builder(client).prefix("evict").build()) {
      store.create(pendingExport().build());
      assertThat(store.claim("w1", Set.of("accounts"), Duration.ofSeconds(30), 1).stream().findFirst()).isPresent();
    }
  }

  private void start(String... args) throws Exception {
    server = new RedisServerProcess(RedisServerProcess.freePort(), dir, args).start();
    client = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", server.port())).build();
  }
}
