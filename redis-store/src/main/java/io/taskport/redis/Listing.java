package io.taskport.redis;

import io.taskport.Page;
import io.taskport.StoreException;
import io.taskport.Task;
import io.taskport.TaskQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Lists an owner's tasks newest first from the owner's sorted set (score: createdAt in ms; equal
 * scores come in reverse byte order of the id, which is the order of {@code TaskId}), reading
 * the hashes of each batch in one pipeline. A read-only listing needs no script.
 */
final class Listing {
  private static final Logger LOG = LoggerFactory.getLogger(RedisTaskStore.class);

  private Listing() {}

  /** Reads one task's hash; empty when it does not exist. */
  static Optional<Task> get(UnifiedJedis jedis, String key) {
    Map<String, String> m = jedis.hgetAll(key);
    return m.isEmpty() ? Optional.empty() : Optional.of(TaskCodec.decode(key, m));
  }

  static Page<Task> page(UnifiedJedis jedis, Keys keys, TaskQuery q) {
    Page.Cursor after = q.after();
    double max =
        after == null ? Double.POSITIVE_INFINITY : (double) after.createdAt().toEpochMilli();
    return page(
        jedis, keys, keys.owner(q.owner()), max, Double.NEGATIVE_INFINITY, after, q.limit(),
        q::matches);
  }

  /**
   * Lists the tasks of an index (an owner's, or {@code all}) with scores in {@code [min, max]},
   * newest first, that come after the cursor and match.
   */
  static Page<Task> page(
      UnifiedJedis jedis,
      Keys keys,
      String index,
      double max,
      double min,
      Page.@Nullable Cursor after,
      int limit,
      Predicate<Task> matches) {
    int batch = Math.min(Math.max(2 * limit, 50), 1000);
    List<Task> items = new ArrayList<>(limit);
    List<String> vanished = new ArrayList<>();
    boolean more = false;
    int offset = 0;
    scan:
    while (true) {
      List<String> ids =
          jedis.zrange(
              index,
              ZRangeParams.zrangeByScoreParams(max, min)
                  .rev()
                  .limit(offset, batch));
      offset += ids.size();
      List<Response<Map<String, String>>> hashes = new ArrayList<>(ids.size());
      try (AbstractPipeline p = jedis.pipelined()) {
        for (String id : ids) {
          hashes.add(p.hgetAll(keys.task(id)));
        }
        p.sync();
      }
      for (int i = 0; i < ids.size(); i++) {
        String key = keys.task(ids.get(i));
        Map<String, String> m = hashes.get(i).get();
        if (m.isEmpty()) {
          vanished.add(ids.get(i));
          continue;
        }
        Task t;
        try {
          t = TaskCodec.decode(key, m);
        } catch (StoreException e) {
          LOG.warn("Left task out of a listing: {}", e.getMessage());
          continue;
        }
        if ((after != null && !after.precedes(t.createdAt(), t.id())) || !matches.test(t)) {
          continue;
        }
        if (items.size() == limit) {
          more = true;
          break scan;
        }
        items.add(t);
      }
      if (ids.size() < batch) {
        break;
      }
    }
    if (!vanished.isEmpty()) {
      jedis.zrem(index, vanished.toArray(new String[0]));
    }
    return new Page<>(items, more ? Page.Cursor.after(items.get(items.size() - 1)) : null);
  }
}
