package io.taskport.redis;

import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The one place that decides whether real-server tests run: a missing server or binary skips them
 * with the reason, unless {@code TASKPORT_REQUIRE_SERVICES=true}, which makes them fail.
 */
@SuppressWarnings("deprecation") // sendCommand with a sample key
final class RedisTestSupport {
  static final String URL_ENV = "TASKPORT_REDIS_URL";
  static final String DEFAULT_URL = "redis://127.0.0.1:6379";

  private RedisTestSupport() {}

  static URI uri() {
    String url = System.getenv(URL_ENV);
    return URI.create(url == null || url.isBlank() ? DEFAULT_URL : url);
  }

  /** Skips or fails the test, by the rule above. */
  static void unavailable(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("TASKPORT_REQUIRE_SERVICES"))) {
      fail(reason + " (TASKPORT_REQUIRE_SERVICES=true)");
    }
    Assumptions.abort(reason);
  }

  /** Returns a pooled client for {@link #uri()} with room for the contract's 16 threads. */
  static RedisClient connect() {
    URI uri = uri();
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(32);
    pool.setMaxIdle(32);
    pool.setMaxWait(Duration.ofSeconds(5));
    RedisClient jedis = RedisClient.builder()
            .hostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())
            .poolConfig(pool)
            .build();
    try {
      jedis.ping();
    } catch (RuntimeException e) {
      jedis.close();
      unavailable("Redis at " + uri + " cannot be reached: " + e);
    }
    return jedis;
  }

  /** Skips or fails unless the given program is on the PATH. */
  static void requireProgram(String program) {
    if (!hasProgram(program)) {
      unavailable(program + " is not on the PATH");
    }
  }

  static boolean hasProgram(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (new java.io.File(dir, program).canExecute()) {
        return true;
      }
    }
    return false;
  }

  static String randomPrefix() {
    return "tp-test-" + UUID.randomUUID().toString().substring(0, 12);
  }

  /** Deletes every key under the prefix's hash tag. Tests only: SCAN is fine here. */
  static void deleteAll(UnifiedJedis jedis, String prefix) {
    ScanParams params = new ScanParams().match("{" + prefix + "}:*").count(1000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> r = jedis.scan(cursor, params);
      List<String> found = r.getResult();
      if (!found.isEmpty()) {
        jedis.del(found.toArray(new String[0]));
      }
      cursor = r.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
  }

  /** Closes a test's store (if it was built), deletes its keys, and closes its client. */
  static void closeAndClean(
      @Nullable RedisTaskStore store, UnifiedJedis jedis, String prefix) {
    if (store != null) {
      store.close();
      deleteAll(jedis, prefix);
    }
    jedis.close();
  }

  /** Redis's clock in milliseconds, read from the node that serves the prefix's slot. */
  static long serverMillis(UnifiedJedis jedis, String prefix) {
    List<?> t = (List<?>) jedis.sendCommand("{" + prefix + "}:time", Protocol.Command.TIME);
    return Long.parseLong(text(t.get(0))) * 1000 + Long.parseLong(text(t.get(1))) / 1000;
  }

  private static String text(Object o) {
    return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.US_ASCII) : String.valueOf(o);
  }
}
