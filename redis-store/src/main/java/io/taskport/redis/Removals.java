package io.taskport.redis;

import io.taskport.TaskId;
import io.taskport.store.CancelOutcome;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;

/**
 * The two scripts that take a task off its indexes outside a worker's fence: a cancel request
 * (which ends a PENDING task and flags a RUNNING one) and a delete. Each reads the task's type
 * first, since the keys a script touches must be named up front.
 */
final class Removals {
  private final UnifiedJedis jedis;
  private final Keys keys;
  private final Scripts scripts;

  Removals(UnifiedJedis jedis, Keys keys, Scripts scripts) {
    this.jedis = jedis;
    this.keys = keys;
    this.scripts = scripts;
  }

  CancelOutcome requestCancel(String key, TaskId id) {
    String type = jedis.hget(key, "type");
    if (type == null) {
      return CancelOutcome.NOT_FOUND;
    }
    List<String> k =
        List.of(
            key,
            keys.ready(type),
            keys.leases(),
            keys.expiries(),
            keys.active(),
            keys.fair(type),
            keys.later(type),
            keys.latemeta(),
            keys.run(),
            keys.act());
    Object r = scripts.run(Scripts.CANCEL, k, List.of(keys.events(), id.value(), type));
    return CancelOutcome.valueOf((String) r);
  }

  boolean delete(String key, TaskId id) {
    List<String> f = jedis.hmget(key, "type", "owner");
    if (f.get(0) == null || f.get(1) == null) {
      return jedis.del(key) > 0;
    }
    List<String> k =
        List.of(
            key,
            keys.ready(f.get(0)),
            keys.leases(),
            keys.expiries(),
            keys.active(),
            keys.owner(f.get(1)),
            keys.all(),
            keys.fair(f.get(0)),
            keys.later(f.get(0)),
            keys.latemeta(),
            keys.run(),
            keys.act());
    return ((Long) scripts.run(Scripts.DELETE, k, List.of(id.value(), f.get(0)))) == 1L;
  }
}
