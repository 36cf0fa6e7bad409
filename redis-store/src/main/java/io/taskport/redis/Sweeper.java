package io.taskport.redis;

import io.taskport.Messages;
import io.taskport.StoreException;
import io.taskport.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Recovery of expired leases and purge of expired tasks. Candidates are read from the deadline
 * sets by Redis's time; the script then re-checks each one, so nodes sweeping at once never
 * recover or purge a task twice.
 */
final class Sweeper {
  private static final Logger LOG = LoggerFactory.getLogger(RedisTaskStore.class);

  private final UnifiedJedis jedis;
  private final Keys keys;
  private final Scripts scripts;

  Sweeper(UnifiedJedis jedis, Keys keys, Scripts scripts) {
    this.jedis = jedis;
    this.keys = keys;
    this.scripts = scripts;
  }

  List<Task> recover(int limit) {
    List<String> ids = due(keys.leases(), limit);
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> types = fields(ids, "type");
    List<String> locales = fields(ids, "locale");
    List<String> k = new ArrayList<>(7 + 4 * ids.size());
    k.add(keys.leases());
    k.add(keys.expiries());
    k.add(keys.active());
    k.add(keys.run());
    k.add(keys.act());
    k.add(keys.turns());
    k.add(keys.sched());
    List<String> a = new ArrayList<>(1 + 3 * ids.size());
    a.add(keys.events());
    for (int i = 0; i < ids.size(); i++) {
      String type = types.get(i) == null ? "" : types.get(i);
      k.add(keys.task(ids.get(i)));
      k.add(keys.ready(type));
      k.add(keys.wake(type));
      k.add(keys.fair(type));
      a.add(ids.get(i));
      // the lost-lease texts in the task's language; the script puts the attempts in for {0}
      Locale locale = Messages.locale(locales.get(i));
      a.add(Messages.format(locale, "task.leaseLost.retrying", "{0}"));
      a.add(Messages.format(locale, "task.leaseLost.failed", "{0}"));
    }
    return decodeAll((List<?>) scripts.run(Scripts.RECOVER, k, a), "recovered");
  }

  List<Task> purge(int limit) {
    List<String> ids = due(keys.expiries(), limit);
    if (ids.isEmpty()) {
      return List.of();
    }
    List<String> owners = fields(ids, "owner");
    List<String> k = new ArrayList<>(1 + 2 * ids.size());
    k.add(keys.expiries());
    for (int i = 0; i < ids.size(); i++) {
      k.add(keys.task(ids.get(i)));
      k.add(keys.owner(owners.get(i) == null ? "" : owners.get(i)));
    }
    k.add(keys.all());
    return decodeAll((List<?>) scripts.run(Scripts.PURGE, k, ids), "purged");
  }

  /** The ids whose deadline in {@code index} has passed by Redis's clock, oldest first. */
  private List<String> due(String index, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
    List<?> ids = (List<?>) scripts.run(Scripts.DUE, List.of(index), List.of(Integer.toString(limit)));
    List<String> out = new ArrayList<>(ids.size());
    ids.forEach(id -> out.add((String) id));
    return out;
  }

  private List<String> fields(List<String> ids, String field) {
    List<Response<String>> rs = new ArrayList<>(ids.size());
    try (AbstractPipeline p = jedis.pipelined()) {
      for (String id : ids) {
        rs.add(p.hget(keys.task(id), field));
      }
      p.sync();
    }
    List<String> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      String v;
      try {
        v = rs.get(i).get();
      } catch (RuntimeException e) {
        v = null; // a foreign value at the key; the script drops its index entry
      }
      out.add(v);
    }
    return out;
  }

  private List<Task> decodeAll(List<?> rows, String what) {
    List<Task> out = new ArrayList<>(rows.size());
    for (Object row : rows) {
      List<?> flat = (List<?>) row;
      String id = "?";
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        if ("id".equals(flat.get(i))) {
          id = String.valueOf(flat.get(i + 1));
        }
      }
      try {
        out.add(TaskCodec.decode(keys.task(id), flat));
      } catch (StoreException e) {
        LOG.warn("A {} task does not decode and is left out of the result: {}", what, e.getMessage());
      }
    }
    return out;
  }
}
