package io.taskport.redis;

import io.taskport.StoreException;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Claims through the claim script. The script can only touch keys it is given, and a task's key
 * is known only once its id is, so the caller passes hints: the heads of the ready sets, as the
 * previous reply returned them. The script claims the first hint still ready and due, and always
 * returns fresh heads, so a claim costs one round trip in the steady state and a second one when
 * the hints were stale. Concurrent claimers share the hints; the script skips those already
 * taken, so up to {@link #HEADS} claimers at once rarely need a retry.
 */
final class Claimer {
  static final int HEADS = 16;
  private static final Logger LOG = LoggerFactory.getLogger(RedisTaskStore.class);
  private static final Comparator<Head> OLDEST_FIRST =
      Comparator.comparingLong(Head::score).thenComparing(Head::id);

  private final UnifiedJedis jedis;
  private final Keys keys;
  private final Scripts scripts;
  private final RedisTaskStore store;
  private final Map<List<String>, List<Head>> hints = new ConcurrentHashMap<>();

  Claimer(UnifiedJedis jedis, Keys keys, Scripts scripts, RedisTaskStore store) {
    this.jedis = jedis;
    this.keys = keys;
    this.scripts = scripts;
    this.store = store;
  }

  /** Claims at once, or returns empty with the time the next known task is due. */
  Outcome claimNow(String workerId, Set<String> types, Duration lease) {
    List<String> typeList = types.stream().sorted().toList();
    Outcome last = new Outcome(null, 0, 0);
    for (int round = 0; round < 8; round++) {
      List<Head> hs = hints.getOrDefault(typeList, List.of());
      List<String> k = new ArrayList<>(2 + typeList.size() + hs.size());
      List<String> a = new ArrayList<>(5 + 2 * hs.size());
      k.add(keys.leases());
      typeList.forEach(t -> k.add(keys.ready(t)));
      a.add(keys.events());
      a.add(Integer.toString(typeList.size()));
      a.add(workerId);
      a.add(Long.toString(TaskCodec.millis(lease)));
      a.add(Integer.toString(HEADS));
      for (Head h : hs) {
        k.add(keys.task(h.id()));
        a.add(h.id());
        a.add(Integer.toString(h.typeIndex()));
      }
      List<?> reply = (List<?>) scripts.run(Scripts.CLAIM, k, a);
      long now = Long.parseLong((String) reply.get(2));
      List<Head> fresh = heads((List<?>) reply.get(3));
      hints.put(typeList, fresh);
      List<?> skipped = (List<?>) reply.get(1);
      for (Object id : skipped) {
        LOG.warn("Skipped task {}: its key {} holds no valid pending task", id, keys.task((String) id));
      }
      List<?> claimed = (List<?>) reply.get(0);
      if (!claimed.isEmpty()) {
        Task t = decodeOrFail(claimed, workerId);
        if (t != null) {
          return new Outcome(t, now, now);
        }
        continue;
      }
      long nextDue = fresh.isEmpty() ? Long.MAX_VALUE : fresh.get(0).score();
      last = new Outcome(null, now, nextDue);
      if (nextDue > now && skipped.isEmpty()) {
        return last;
      }
    }
    return last;
  }

  /** Decodes a claimed task; one that does not decode is failed at once, and null returned. */
  private @Nullable Task decodeOrFail(List<?> claimed, String workerId) {
    String id = field(claimed, "id");
    String key = keys.task(id);
    try {
      return TaskCodec.decode(key, claimed);
    } catch (StoreException e) {
      LOG.warn("Failing task {}: its hash {} does not decode: {}", id, key, e.getMessage());
      int attempt = Integer.parseInt(field(claimed, "attempt"));
      TaskError error = TaskError.of(TaskError.INVALID_INPUT, "the stored task could not be read");
      store.finish(TaskId.of(id), workerId, attempt, "FAILED", "", error);
      return null;
    }
  }

  private static String field(List<?> flat, String name) {
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      if (name.equals(flat.get(i))) {
        return String.valueOf(flat.get(i + 1));
      }
    }
    throw new StoreException("claimed task has no field '" + name + "'");
  }

  private static List<Head> heads(List<?> flat) {
    List<Head> out = new ArrayList<>(flat.size() / 3);
    for (int i = 0; i + 2 < flat.size(); i += 3) {
      out.add(
          new Head(
              (String) flat.get(i),
              Integer.parseInt((String) flat.get(i + 1)),
              Long.parseLong((String) flat.get(i + 2))));
    }
    out.sort(OLDEST_FIRST);
    return out.size() > HEADS ? List.copyOf(out.subList(0, HEADS)) : out;
  }

  /** Claims, waiting on the wake-up lists of the types up to {@code maxWait} for a task. */
  Optional<Task> claimWaiting(String workerId, Set<String> types, Duration lease, Duration maxWait) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    String[] wakes = keys.wakes(types).toArray(new String[0]);
    while (!Thread.currentThread().isInterrupted()) {
      Outcome o = claimNow(workerId, types, lease);
      if (o.task() != null) {
        return Optional.of(o.task());
      }
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return Optional.empty();
      }
      long wait = Math.min(left, Math.max(0, o.nextDue() - o.now()));
      if (wait > 0) {
        // a create, retry, release or recovery of one of these types pushes a token
        jedis.blpop(Math.max(wait, 5) / 1000.0, wakes);
      }
    }
    return Optional.empty();
  }

  /** What one claim call found. */
  record Outcome(@Nullable Task task, long now, long nextDue) {}

  /** A ready task as the claim script last saw it. */
  record Head(String id, int typeIndex, long score) {}
}
