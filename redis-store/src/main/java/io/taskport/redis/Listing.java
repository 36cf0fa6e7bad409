package io.taskport.redis;

import io.taskport.Page;
import io.taskport.StoreException;
import io.taskport.Task;
import io.taskport.TaskQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  static Page<Task> page(UnifiedJedis jedis, Keys keys, TaskQuery q) {
    String index = keys.owner(q.owner());
    Page.Cursor after = q.after();
    double max =
        after == null ? Double.POSITIVE_INFINITY : (double) after.createdAt().toEpochMilli();
    int batch = Math.min(Math.max(2 * q.limit(), 50), 1000);
    List<Task> items = new ArrayList<>(q.limit());
    List<String> vanished = new ArrayList<>();
    boolean more = false;
    int offset = 0;
    scan:
    while (true) {
      List<String> ids =
          jedis.zrange(
              index,
              ZRangeParams.zrangeByScoreParams(max, Double.NEGATIVE_INFINITY)
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
        if ((after != null && !after.precedes(t.createdAt(), t.id())) || !q.matches(t)) {
          continue;
        }
        if (items.size() == q.limit()) {
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
