package io.taskport.redis;

import static io.taskport.redis.Calls.call;

import io.taskport.Progress;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.store.Fence;
import io.taskport.store.Heartbeat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;

/**
 * The fenced transitions of a running attempt: heartbeat, the moves to a terminal status, and the
 * hand-backs to PENDING. Each script first checks that the task is RUNNING with the fence's
 * worker and attempt, and changes nothing otherwise.
 */
final class Fenced {
  private final UnifiedJedis jedis;
  private final Keys keys;
  private final Scripts scripts;

  Fenced(UnifiedJedis jedis, Keys keys, Scripts scripts) {
    this.jedis = jedis;
    this.keys = keys;
    this.scripts = scripts;
  }

  Heartbeat heartbeat(Fence fence, Progress progress, @Nullable String checkpoint, Duration lease) {
    String key = keys.task(fence.id());
    List<String> a = new ArrayList<>(11);
    a.add(keys.events());
    a.add(fence.id().value());
    a.add(fence.workerId());
    a.add(Integer.toString(fence.attempt()));
    a.add(Long.toString(TaskCodec.millis(lease)));
    addProgress(a, progress);
    a.add(checkpoint == null ? "" : checkpoint);
    a.add(checkpoint == null ? "0" : "1");
    List<String> k = List.of(key, keys.leases());
    Object r = call("heartbeat", key, () -> scripts.run(Scripts.HEARTBEAT, k, a));
    return Heartbeat.valueOf((String) r);
  }

  /**
   * Runs the finish script: a fenced move to a terminal status, saving the final progress too
   * unless it is null.
   */
  boolean finish(
      TaskId id,
      String workerId,
      int attempt,
      String status,
      String result,
      @Nullable TaskError e,
      @Nullable Progress progress) {
    String key = keys.task(id);
    List<String> k =
        List.of(key, keys.leases(), keys.expiries(), keys.active(), keys.run(), keys.act());
    List<String> a = new ArrayList<>(13);
    a.add(keys.events());
    a.add(id.value());
    a.add(workerId);
    a.add(Integer.toString(attempt));
    a.add(status);
    a.add(result);
    a.add(e == null ? "" : e.code());
    a.add(e == null ? "" : e.message());
    a.add(progress == null ? "0" : "1");
    if (progress != null) {
      addProgress(a, progress);
    }
    return call(
        status.toLowerCase(Locale.ROOT), key, () -> (Long) scripts.run(Scripts.FINISH, k, a) == 1L);
  }

  boolean finish(
      Fence fence,
      String status,
      String result,
      @Nullable TaskError e,
      @Nullable Progress progress) {
    return finish(fence.id(), fence.workerId(), fence.attempt(), status, result, e, progress);
  }

  /** Appends done, total, message and whether there is one, as the scripts read them. */
  private static void addProgress(List<String> a, Progress p) {
    a.add(Long.toString(p.done()));
    a.add(Long.toString(p.total()));
    a.add(p.message() == null ? "" : p.message());
    a.add(p.message() == null ? "0" : "1");
  }

  /** Runs the retry script: back to PENDING, due {@code delay} ms from now. */
  boolean requeue(Fence fence, String mode, long delay, @Nullable TaskError e) {
    String key = keys.task(fence.id());
    return call(
        mode,
        key,
        () -> {
          String type = jedis.hget(key, "type");
          if (type == null) {
            return false;
          }
          List<String> k =
              List.of(
                  key,
                  keys.leases(),
                  keys.ready(type),
                  keys.wake(type),
                  keys.fair(type),
                  keys.later(type),
                  keys.latemeta(),
                  keys.turns(),
                  keys.sched(),
                  keys.run());
          List<String> a =
              List.of(
                  keys.events(),
                  fence.id().value(),
                  fence.workerId(),
                  Integer.toString(fence.attempt()),
                  type,
                  Long.toString(delay),
                  mode,
                  e == null ? "" : e.code(),
                  e == null ? "" : e.message());
          return (Long) scripts.run(Scripts.RETRY, k, a) == 1L;
        });
  }
}
