package io.taskport.redis;

import io.taskport.Messages;
import io.taskport.StoreException;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.store.ClaimRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
 * previous reply returned them. The script claims, oldest first, up to the number asked for among
 * the hints still ready and due, and always returns fresh heads, so a claim costs one round trip
 * in the steady state and a second one when the hints were stale. Concurrent claimers share the
 * hints; the script passes over those already taken, so a few claimers at once rarely need a
 * retry.
 *
 * <p>Idle callers wait on the types' wake-up lists, which every create, retry, release and
 * recovery pushes a token to, with {@code BLPOP}; a retry due later ends the wait at its due time
 * by Redis's clock, as the last reply reported it.
 */
final class Claimer {
  /** Heads a reply returns beyond twice the number asked for, as hints for the next claim. */
  static final int HEADS = 4;
  private static final int ROUNDS = 8;
  private static final long SLICE_MS = 100;
  static final long FRESH_NANOS = 5_000_000;
  private static final Logger LOG = LoggerFactory.getLogger(RedisTaskStore.class);
  private static final Comparator<Head> OLDEST_FIRST =
      Comparator.comparingLong(Head::score).thenComparing(Head::id);

  private final UnifiedJedis jedis;
  private final Keys keys;
  private final Scripts scripts;
  private final Fenced fenced;
  private final Map<HintKey, List<Head>> hints = new ConcurrentHashMap<>();
  private final Map<List<String>, ClaimRules> lastRules = new ConcurrentHashMap<>();
  private final Map<List<String>, ShortReply> shortReplies = new ConcurrentHashMap<>();

  Claimer(UnifiedJedis jedis, Keys keys, Scripts scripts, Fenced fenced) {
    this.jedis = jedis;
    this.keys = keys;
    this.scripts = scripts;
    this.fenced = fenced;
  }

  /**
   * Claims up to {@code max} due tasks at once, best ranked first (or by turn when {@code rules}
   * are fair), obeying the rules; with {@code max == 0} only reads the time and whether a task is
   * claimable. Fewer than {@code max} come back when no more are claimable.
   */
  Outcome claimNow(String workerId, Set<String> types, Duration lease, int max, ClaimRules rules) {
    List<String> typeList = types.stream().sorted().toList();
    if (max > 0) {
      lastRules.put(typeList, rules);
    }
    HintKey hk = new HintKey(typeList, rules.fair());
    int want = HEADS + 2 * max;
    List<Task> claimed = new ArrayList<>(Math.min(max, 64));
    long now = 0;
    long nextDue = Long.MAX_VALUE;
    List<String> held = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      List<Head> hs = max == 0 ? List.of() : hints.getOrDefault(hk, List.of());
      List<String> k = new ArrayList<>(5 + 3 * typeList.size() + hs.size());
      List<String> a = new ArrayList<>(9 + 4 * typeList.size() + 2 * hs.size());
      k.add(keys.leases());
      k.add(keys.run());
      k.add(keys.sched());
      k.add(keys.turns());
      k.add(keys.latemeta());
      a.add(keys.events());
      a.add(Integer.toString(typeList.size()));
      a.add(workerId);
      a.add(Long.toString(TaskCodec.millis(lease)));
      a.add(Integer.toString(want));
      a.add(Integer.toString(max - claimed.size()));
      a.add(rules.fair() ? "1" : "0");
      a.add(Integer.toString(rules.maxRunningPerOwner()));
      a.add(Integer.toString(rules.maxRunningPerOwnerOfType()));
      for (String t : typeList) {
        k.add(keys.ready(t));
        k.add(keys.fair(t));
        k.add(keys.later(t));
        Integer limit = rules.maxRunning(t);
        ClaimRules.Rate rate = rules.starts(t);
        a.add(t);
        a.add(limit == null ? "0" : limit.toString());
        a.add(rate == null ? "0" : Integer.toString(rate.starts()));
        a.add(rate == null ? "0" : Long.toString(TaskCodec.millis(rate.per())));
      }
      a.add(Integer.toString(held.size()));
      a.addAll(held);
      for (Head h : hs) {
        k.add(keys.task(h.id()));
        a.add(h.id());
        a.add(Integer.toString(h.typeIndex()));
      }
      List<?> reply = (List<?>) scripts.run(Scripts.CLAIM, k, a);
      now = Long.parseLong((String) reply.get(2));
      List<Head> fresh = heads((List<?>) reply.get(3), want);
      hints.put(hk, fresh);
      List<?> skipped = (List<?>) reply.get(1);
      for (Object id : skipped) {
        String key = keys.task((String) id);
        LOG.warn("Skipped task {}: its key {} holds no valid pending task", id, key);
      }
      int failed = 0;
      for (Object fields : (List<?>) reply.get(0)) {
        Task t = decodeOrFail((List<?>) fields, workerId);
        if (t != null) {
          claimed.add(t);
        } else {
          failed++;
        }
      }
      boolean more = "1".equals(reply.get(5));
      ((List<?>) reply.get(6)).forEach(id -> held.add((String) id));
      String opensAt = (String) reply.get(4);
      boolean claimable = max == 0 ? !fresh.isEmpty() : more;
      nextDue = claimable ? now : opensAt.isEmpty() ? Long.MAX_VALUE : Long.parseLong(opensAt);
      boolean again = more || !skipped.isEmpty() || failed > 0;
      if (claimed.size() >= max || !again) {
        break;
      }
    }
    Outcome o = new Outcome(claimed, now, nextDue);
    if (max > 0 && claimed.size() < max && nextDue > now) {
      shortReplies.put(typeList, new ShortReply(o, System.nanoTime()));
    } else if (max > 0) {
      shortReplies.remove(typeList);
    }
    return o;
  }

  /** Reads whether a task is claimable under the rules last given for these types. */
  private Outcome probe(Set<String> types) {
    List<String> typeList = types.stream().sorted().toList();
    return claimNow("", types, Duration.ZERO, 0, lastRules.getOrDefault(typeList, ClaimRules.NONE));
  }

  /** Claims, waiting on the wake-up lists of the types up to {@code maxWait} for a task. */
  Optional<Task> claimWaiting(
      String workerId, Set<String> types, Duration lease, Duration maxWait) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (!Thread.currentThread().isInterrupted()) {
      Outcome o = claimNow(workerId, types, lease, 1, ClaimRules.NONE);
      if (!o.tasks().isEmpty()) {
        return Optional.of(o.tasks().get(0));
      }
      if (!awaitWake(types, o, deadline)) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Returns at once when a task of these types is due; otherwise waits until a wake-up token
   * arrives, the next known task is due, or {@code maxWait} has passed. A claim of these types
   * that came back short (nothing more due) less than {@link #FRESH_NANOS} ago stands in for
   * asking Redis again: whatever became due since has pushed a token, which ends the wait.
   */
  void awaitWork(Set<String> types, Duration maxWait) throws InterruptedException {
    long deadline = System.nanoTime() + maxWait.toNanos();
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before awaiting work");
    }
    ShortReply last = shortReplies.remove(types.stream().sorted().toList());
    long age = last == null ? Long.MAX_VALUE : System.nanoTime() - last.atNanos();
    Outcome none =
        age <= FRESH_NANOS
            ? last.outcome().aged(age / 1_000_000)
            // a claim of none claims nothing: it reads Redis's time and the heads
            : Calls.call("awaitWork", keys.tag(), () -> probe(types));
    Calls.call("awaitWork", keys.tag(), () -> awaitWake(types, none, deadline));
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted while awaiting work");
    }
  }

  /**
   * Waits on the wake-up lists until a token arrives, the next task is due by the outcome's
   * clock, the deadline passes or the thread is interrupted; returns false, without waiting, when
   * the deadline has passed. A socket read cannot be interrupted, so the wait is cut into slices.
   */
  private boolean awaitWake(Set<String> types, Outcome o, long deadline) {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      return false;
    }
    long wait = Math.min(left, Math.max(0, o.nextDue() - o.now()));
    long until = System.nanoTime() + wait * 1_000_000;
    String[] wakes = null;
    for (long ms = wait; ms > 0; ms = (until - System.nanoTime()) / 1_000_000) {
      if (wakes == null) {
        wakes = keys.wakes(types).toArray(new String[0]);
      }
      // BLPOP reads 0 as "forever": wait at least a few milliseconds
      double seconds = Math.max(Math.min(ms, SLICE_MS), 5) / 1000.0;
      if (jedis.blpop(seconds, wakes) != null || Thread.currentThread().isInterrupted()) {
        break;
      }
    }
    return true;
  }

  /**
   * Decodes a claimed task; one that does not decode is failed at once, and null returned. When
   * even that fails, the task keeps its lease and lease recovery deals with it later, so the rest
   * of a batch is still handed out.
   */
  private @Nullable Task decodeOrFail(List<?> claimed, String workerId) {
    String id = field(claimed, "id");
    String key = keys.task(id);
    try {
      return TaskCodec.decode(key, claimed);
    } catch (StoreException e) {
      LOG.warn("Failing task {}: its hash {} does not decode: {}", id, key, e.getMessage());
    }
    try {
      int attempt = Integer.parseInt(field(claimed, "attempt"));
      TaskError error =
          TaskError.of(
              TaskError.INVALID_INPUT, Messages.format(localeOf(claimed), "task.unreadable"));
      fenced.finish(TaskId.of(id), workerId, attempt, "FAILED", "", error, null);
    } catch (RuntimeException e) {
      LOG.warn("Could not fail task {}; its lease will be recovered: {}", id, e.toString());
    }
    return null;
  }

  /** The language of a task that does not decode, if its hash names one. */
  private static Locale localeOf(List<?> flat) {
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      if ("locale".equals(flat.get(i))) {
        return Messages.locale(String.valueOf(flat.get(i + 1)));
      }
    }
    return Locale.ENGLISH;
  }

  private static String field(List<?> flat, String name) {
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      if (name.equals(flat.get(i))) {
        return String.valueOf(flat.get(i + 1));
      }
    }
    throw new StoreException("claimed task has no field '" + name + "'");
  }

  private static List<Head> heads(List<?> flat, int want) {
    List<Head> out = new ArrayList<>(flat.size() / 3);
    for (int i = 0; i + 2 < flat.size(); i += 3) {
      out.add(
          new Head(
              (String) flat.get(i),
              Integer.parseInt((String) flat.get(i + 1)),
              Long.parseLong((String) flat.get(i + 2))));
    }
    out.sort(OLDEST_FIRST);
    return out.size() > want ? List.copyOf(out.subList(0, want)) : out;
  }

  /** What one claim call found: the tasks claimed, Redis's time, and when the next is due. */
  record Outcome(List<Task> tasks, long now, long nextDue) {
    /** The same finding {@code ms} later, by the local clock. */
    Outcome aged(long ms) {
      return new Outcome(List.of(), now + ms, nextDue);
    }
  }

  /** A claim that found no more due tasks, and when its reply came. */
  private record ShortReply(Outcome outcome, long atNanos) {}

  /** Hints are kept per set of types and per order: by rank, or by turn. */
  private record HintKey(List<String> types, boolean fair) {}

  /** A ready task as the claim script last saw it. */
  record Head(String id, int typeIndex, long score) {}
}
