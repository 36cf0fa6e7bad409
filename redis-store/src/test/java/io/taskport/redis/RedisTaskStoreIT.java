package io.taskport.redis;

import static org.awaitility.Awaitility.await;

import io.taskport.store.TaskStore;
import io.taskport.testkit.TaskStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.RedisClient;

/** The store contract on a single Redis server through {@code RedisClient}. */
@SuppressWarnings("deprecation") // JedisCluster: the cluster client most users have today
class RedisTaskStoreIT extends TaskStoreContract {
  private static RedisClient jedis;
  private String prefix;

  @BeforeAll
  static void connect() {
    jedis = RedisTestSupport.connect();
  }

  @AfterAll
  static void disconnect() {
    if (jedis != null) {
      jedis.close();
    }
  }

  @Override
  protected TaskStore createStore() {
    prefix = RedisTestSupport.randomPrefix();
    return RedisTaskStore.builder(jedis).prefix(prefix).build();
  }

  @Override
  protected void dropStore(TaskStore store) {
    RedisTestSupport.deleteAll(jedis, prefix);
  }

  @Override
  protected Duration lease() {
    return Duration.ofMillis(500);
  }

  /** Waits until Redis's own clock has moved on by {@code d}; Redis time cannot be faked. */
  @Override
  protected void elapse(Duration d) {
    long until = RedisTestSupport.serverMillis(jedis, prefix) + d.toMillis() + 1;
    await()
        .atMost(d.plusSeconds(5))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> RedisTestSupport.serverMillis(jedis, prefix) >= until);
  }
}
