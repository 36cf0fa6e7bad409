package io.taskport.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.KeyValue;

/** Checks the server a store is built on; see RELIABILITY.md scenario 13. */
final class ServerCheck {
  private static final Logger LOG = LoggerFactory.getLogger(RedisTaskStore.class);

  private ServerCheck() {}

  /**
   * Reads {@code maxmemory-policy} from the node that serves the store's slot; returns it, or null
   * if it could not be read.
   */
  @SuppressWarnings("deprecation") // sendCommand with a sample key routes CONFIG to our slot
  static @Nullable String run(UnifiedJedis jedis, Keys keys) {
    String policy;
    try {
      Object r =
          jedis.sendCommand(
              keys.leases(), Protocol.Command.CONFIG, "GET", "maxmemory-policy");
      policy = policy(r);
    } catch (JedisException e) {
      // managed services often rename or disable CONFIG
      LOG.info("Could not read maxmemory-policy of the Redis for {}: {}", keys.tag(), e.toString());
      return null;
    }
    if (policy == null) {
      LOG.info("Redis for {} did not report its maxmemory-policy", keys.tag());
    }
    return policy;
  }

  /**
   * Reads the policy as {@link #run} does and refuses anything but {@code noeviction}; a server
   * that does not tell is accepted.
   *
   * @throws IllegalStateException naming the policy if it evicts
   */
  static void requireNoEviction(UnifiedJedis jedis, Keys keys) {
    String policy = run(jedis, keys);
    if (policy != null && !"noeviction".equals(policy)) {
      throw new IllegalStateException(
          "Redis for Taskport store " + keys.tag() + " runs with maxmemory-policy " + policy
              + ": under memory pressure it may evict tasks, leases or queue entries silently."
              + " Set maxmemory-policy noeviction, or build with checkServer(false) to accept the"
              + " risk");
    }
  }

  private static @Nullable String policy(@Nullable Object reply) {
    // RESP3 (Jedis 8's default) answers a map, as a list of key-value pairs; RESP2 a flat list
    if (reply instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof KeyValue<?, ?> kv) {
      return text(kv.getValue());
    }
    if (reply instanceof List<?> l && l.size() >= 2) {
      return text(l.get(1));
    }
    if (reply instanceof java.util.Map<?, ?> m && !m.isEmpty()) {
      return text(m.values().iterator().next());
    }
    return null;
  }

  private static String text(Object o) {
    return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
  }
}
