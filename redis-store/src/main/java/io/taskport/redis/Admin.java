package io.taskport.redis;

import io.taskport.AdminQuery;
import io.taskport.OwnerCount;
import io.taskport.Page;
import io.taskport.StoreException;
import io.taskport.Task;
import io.taskport.TaskCount;
import io.taskport.TaskId;
import io.taskport.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The operator's reads and retry. Listings across owners read the {@code all} index (an owner's
 * index when the query names one); counts read the type and status of every task in it, in
 * pipelined batches, so they cost one pass over the tasks kept.
 */
final class Admin {
  private static final int BATCH = 1000;

  private final UnifiedJedis jedis;
  private final Keys keys;
  private final Scripts scripts;

  Admin(UnifiedJedis jedis, Keys keys, Scripts scripts) {
    this.jedis = jedis;
    this.keys = keys;
    this.scripts = scripts;
  }

  Page<Task> list(AdminQuery q) {
    String index = q.owner() == null ? keys.all() : keys.owner(q.owner());
    double max = Double.POSITIVE_INFINITY;
    if (q.after() != null) {
      max = q.after().createdAt().toEpochMilli();
    }
    if (q.createdTo() != null) {
      max = Math.min(max, q.createdTo().toEpochMilli() - 1);
    }
    double min = q.createdFrom() == null ? Double.NEGATIVE_INFINITY : q.createdFrom().toEpochMilli();
    return Listing.page(jedis, keys, index, max, min, q.after(), q.limit(), q::matches);
  }

  List<TaskCount> counts() {
    Map<String, Map<TaskStatus, Long>> tally = new TreeMap<>();
    List<String> vanished = new ArrayList<>();
    for (long offset = 0; ; offset += BATCH) {
      List<String> ids = jedis.zrange(keys.all(), offset, offset + BATCH - 1);
      List<Response<List<String>>> fields = new ArrayList<>(ids.size());
      try (AbstractPipeline p = jedis.pipelined()) {
        for (String id : ids) {
          fields.add(p.hmget(keys.task(id), "type", "status"));
        }
        p.sync();
      }
      for (int i = 0; i < ids.size(); i++) {
        List<String> f = fields.get(i).get();
        if (f.get(0) == null || f.get(1) == null) {
          vanished.add(ids.get(i));
          continue;
        }
        tally
            .computeIfAbsent(f.get(0), k -> new EnumMap<>(TaskStatus.class))
            .merge(TaskStatus.valueOf(f.get(1)), 1L, Long::sum);
      }
      if (ids.size() < BATCH) {
        break;
      }
    }
    if (!vanished.isEmpty()) {
      jedis.zrem(keys.all(), vanished.toArray(new String[0]));
    }
    List<TaskCount> counts = new ArrayList<>();
    tally.forEach((type, m) -> m.forEach((s, n) -> counts.add(new TaskCount(type, s, n))));
    return counts;
  }

  /**
   * The owners with PENDING or RUNNING tasks, most PENDING first: one pass over the by-owner
   * members of the act and run indexes, so it costs the active tasks, not all those kept.
   */
  List<OwnerCount> activeOwners(int limit) {
    Map<String, long[]> tally = new TreeMap<>();
    countOwners(keys.act(), tally, 0);
    countOwners(keys.run(), tally, 1);
    List<OwnerCount> owners = new ArrayList<>(tally.size());
    tally.forEach(
        (owner, n) -> owners.add(new OwnerCount(owner, Math.max(0, n[0] - n[1]), n[1])));
    owners.sort(OwnerCount.MOST_PENDING_FIRST);
    return owners.subList(0, Math.min(limit, owners.size()));
  }

  /** Adds one to {@code tally[owner][slot]} for each member {@code o<len>:<owner>|<id>}. */
  @SuppressWarnings("deprecation") // ZRANGEBYLEX: the same reply as ZRANGE BYLEX, and on Redis 6.0
  private void countOwners(String index, Map<String, long[]> tally, int slot) {
    byte[] key = index.getBytes(StandardCharsets.UTF_8);
    byte[] from = "[o".getBytes(StandardCharsets.UTF_8);
    byte[] to = "(p".getBytes(StandardCharsets.UTF_8);
    for (int offset = 0; ; offset += BATCH) {
      List<byte[]> members = jedis.zrangeByLex(key, from, to, offset, BATCH);
      for (byte[] m : members) {
        int colon = 1;
        while (colon < m.length && m[colon] != ':') {
          colon++;
        }
        int len = Integer.parseInt(new String(m, 1, colon - 1, StandardCharsets.US_ASCII));
        String owner = new String(m, colon + 1, len, StandardCharsets.UTF_8);
        tally.computeIfAbsent(owner, o -> new long[2])[slot]++;
      }
      if (members.size() < BATCH) {
        return;
      }
    }
  }

  boolean retry(TaskId id, int attempts) {
    String key = keys.task(id);
    for (int round = 0; round < 4; round++) {
      List<String> f = jedis.hmget(key, "type", "activeKey");
      if (f.get(0) == null) {
        return false;
      }
      String type = f.get(0);
      String holder = f.get(1) == null ? null : jedis.hget(keys.active(), f.get(1));
      List<String> k = new ArrayList<>(10);
      k.add(key);
      k.add(keys.ready(type));
      k.add(keys.expiries());
      k.add(keys.active());
      k.add(keys.wake(type));
      k.add(keys.fair(type));
      k.add(keys.act());
      k.add(keys.turns());
      k.add(keys.sched());
      boolean twin = holder != null && !holder.equals(id.value());
      if (twin) {
        k.add(keys.task(holder));
      }
      List<String> a =
          List.of(keys.events(), id.value(), type, Integer.toString(attempts), twin ? holder : "");
      String r = (String) scripts.run(Scripts.RETRY_FAILED, k, a);
      if (!r.equals("CHANGED")) {
        return r.equals("RETRIED");
      }
    }
    throw new StoreException("retry of task " + id + " found its dedup key changing");
  }
}
