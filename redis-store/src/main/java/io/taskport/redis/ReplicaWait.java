package io.taskport.redis;

import io.taskport.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Runs a terminal transition's script and {@code WAIT numreplicas timeout} in one pipeline, so both
 * go over the same connection: WAIT counts the replicas that acknowledged that connection's writes.
 * When the script changed something and fewer replicas than asked acknowledged it in time, the call
 * fails with a {@link StoreException}; a worker then retries the same fenced write, which lands
 * again on a promoted replica that lost it, or reads as already done. WAIT is best effort: an
 * acknowledged write can still be lost if a replica that did not acknowledge it is promoted.
 */
final class ReplicaWait {
  /** The scripts that create a task, end it, or cancel it. */
  static final Set<String> COVERED = Set.of(Scripts.CREATE, Scripts.FINISH, Scripts.CANCEL);

  private final int replicas;
  private final long timeoutMillis;

  ReplicaWait(int replicas, Duration timeout) {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be >= 1, was " + replicas);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.replicas = replicas;
    this.timeoutMillis = timeout.toMillis();
  }

  /** Runs the script by its SHA, or by its text if the server lost it, then waits. */
  Object run(
      UnifiedJedis jedis,
      String name,
      String sha,
      String text,
      List<String> keys,
      List<String> args) {
    Reply reply;
    try {
      reply = runOnce(jedis, true, sha, keys, args);
    } catch (JedisNoScriptException e) {
      reply = runOnce(jedis, false, text, keys, args);
    }
    if (reply.acks() < replicas && changed(reply.result())) {
      throw new StoreException(
          "Redis "
              + name
              + " of "
              + keys.get(0)
              + " was applied on the primary, but only "
              + reply.acks()
              + " of "
              + replicas
              + " replicas acknowledged it within "
              + timeoutMillis
              + " ms; a failover now could lose it");
    }
    return reply.result();
  }

  private Reply runOnce(
      UnifiedJedis jedis, boolean bySha, String script, List<String> keys, List<String> args) {
    try (AbstractPipeline p = jedis.pipelined()) {
      Response<Object> r = bySha ? p.evalsha(script, keys, args) : p.eval(script, keys, args);
      Response<Long> w = p.waitReplicas(keys.get(0), replicas, timeoutMillis);
      p.sync();
      return new Reply(r.get(), w.get());
    }
  }

  /** Whether the script's reply says it wrote: 1 from finish, a cancel outcome that wrote. */
  private static boolean changed(Object result) {
    return Long.valueOf(1L).equals(result)
        || (result instanceof List<?> l && !l.isEmpty() && "CREATED".equals(l.get(0)))
        || "CANCELLED".equals(result)
        || "REQUESTED".equals(result);
  }

  private record Reply(Object result, long acks) {}
}
