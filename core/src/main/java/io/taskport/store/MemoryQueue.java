package io.taskport.store;

import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskStatus;
import io.taskport.TooManyTasksException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The scheduling indexes of {@link InMemoryTaskStore}: PENDING tasks by rank and by fair turn,
 * RUNNING counts per type and owner (derived from the tasks, never counted apart), active counts
 * per owner for the caps, and the start windows of rate-limited types. Not thread-safe: the store
 * calls it under its lock.
 *
 * <p>Fair turns are start-time fair queueing: a task gets the turn {@code max(last turn of its
 * key + 1, lowest turn PENDING of its type)} at create, so a heavy key's backlog takes turns
 * 0, 1, 2, ... and a key that arrives later takes the current turn, and is claimed within about
 * one task of every other key.
 */
final class MemoryQueue {
  private final Map<TaskId, Item> pending = new HashMap<>();
  private final NavigableSet<Item> delayed = new TreeSet<>(MemoryQueue::byDue);
  private final Map<String, NavigableSet<Item>> byRank = new HashMap<>();
  private final Map<String, NavigableSet<Item>> byTurn = new HashMap<>();
  private final Map<String, TreeMap<Long, Integer>> turnsOfType = new HashMap<>();
  private final Map<String, Long> lastTurn = new HashMap<>();
  private final Map<TaskId, Long> turns = new HashMap<>();
  private final Map<String, Integer> running = new HashMap<>();
  private final Map<String, Integer> active = new HashMap<>();
  private final Map<String, long[]> windows = new HashMap<>();

  /** Throws when the owner's caps leave no room for {@code n}; the caller holds the lock. */
  void checkCaps(NewTask n) {
    Scheduling s = n.scheduling();
    if (s.maxActivePerOwner() > 0 && count(active, ownerKey(n.owner())) >= s.maxActivePerOwner()) {
      throw new TooManyTasksException(n.owner(), null, s.maxActivePerOwner());
    }
    if (s.maxActivePerOwnerOfType() > 0
        && count(active, ownerTypeKey(n.owner(), n.type())) >= s.maxActivePerOwnerOfType()) {
      throw new TooManyTasksException(n.owner(), n.type(), s.maxActivePerOwnerOfType());
    }
  }

  /** Gives a new task its fair turn; called once, before it is first indexed. */
  void assignTurn(Task t) {
    String key = t.scheduling().fairnessKeyOr(t.owner());
    TreeMap<Long, Integer> ofType = turnsOfType.get(t.type());
    long round = ofType == null || ofType.isEmpty() ? 0 : ofType.firstKey();
    Long last = lastTurn.get(key);
    long turn = last == null ? round : Math.max(last + 1, round);
    lastTurn.put(key, turn);
    turns.put(t.id(), turn);
  }

  /** Adds a task that became PENDING or RUNNING. */
  void index(Task t) {
    if (t.status() == TaskStatus.PENDING) {
      Item item = new Item(t, turns.getOrDefault(t.id(), 0L));
      pending.put(t.id(), item);
      delayed.add(item);
      turnsOfType.computeIfAbsent(t.type(), k -> new TreeMap<>()).merge(item.turn, 1, Integer::sum);
    } else if (t.status() == TaskStatus.RUNNING) {
      running.merge(t.type(), 1, Integer::sum);
      running.merge(ownerKey(t.owner()), 1, Integer::sum);
      running.merge(ownerTypeKey(t.owner(), t.type()), 1, Integer::sum);
    } else {
      return;
    }
    active.merge(ownerKey(t.owner()), 1, Integer::sum);
    active.merge(ownerTypeKey(t.owner(), t.type()), 1, Integer::sum);
  }

  /** Removes a task that leaves PENDING or RUNNING, or is deleted. */
  void unindex(Task t) {
    if (t.status() == TaskStatus.PENDING) {
      Item item = pending.remove(t.id());
      if (!delayed.remove(item)) {
        byRank.get(t.type()).remove(item);
        byTurn.get(t.type()).remove(item);
      }
      TreeMap<Long, Integer> ofType = turnsOfType.get(t.type());
      ofType.computeIfPresent(item.turn, (k, v) -> v == 1 ? null : v - 1);
    } else if (t.status() == TaskStatus.RUNNING) {
      decrement(running, t.type());
      decrement(running, ownerKey(t.owner()));
      decrement(running, ownerTypeKey(t.owner(), t.type()));
    } else {
      return;
    }
    decrement(active, ownerKey(t.owner()));
    decrement(active, ownerTypeKey(t.owner(), t.type()));
  }

  /** Forgets a deleted task's turn. */
  void forget(TaskId id) {
    turns.remove(id);
  }

  /**
   * Picks the next task to claim under the rules, or {@code null}; the caller claims it (which
   * unindexes it as PENDING and indexes it as RUNNING) before asking for the next.
   */
  @Nullable TaskId next(Set<String> types, ClaimRules rules, Instant now) {
    while (!delayed.isEmpty() && !delayed.first().due.isAfter(now)) {
      Item item = delayed.pollFirst();
      byRank.computeIfAbsent(item.type, k -> new TreeSet<>(MemoryQueue::byRank)).add(item);
      byTurn.computeIfAbsent(item.type, k -> new TreeSet<>(MemoryQueue::byTurn)).add(item);
    }
    Item best = null;
    for (String type : types) {
      if (!roomFor(type, rules, now)) {
        continue;
      }
      NavigableSet<Item> queue = (rules.fair() ? byTurn : byRank).get(type);
      Item first = queue == null ? null : firstAllowed(queue, rules);
      if (first != null
          && (best == null || (rules.fair() ? byTurn(first, best) : byRank(first, best)) < 0)) {
        best = first;
      }
    }
    if (best == null) {
      return null;
    }
    ClaimRules.Rate rate = rules.starts(best.type);
    if (rate != null) {
      windows.get(best.type)[1]++;
    }
    return best.id;
  }

  private boolean roomFor(String type, ClaimRules rules, Instant now) {
    Integer max = rules.maxRunning(type);
    if (max != null && count(running, type) >= max) {
      return false;
    }
    ClaimRules.Rate rate = rules.starts(type);
    if (rate == null) {
      return true;
    }
    long per = rate.per().toMillis();
    long start = Math.floorDiv(now.toEpochMilli(), per) * per;
    long[] window = windows.computeIfAbsent(type, k -> new long[] {start, 0});
    if (window[0] != start) {
      window[0] = start;
      window[1] = 0;
    }
    return window[1] < rate.starts();
  }

  private @Nullable Item firstAllowed(NavigableSet<Item> queue, ClaimRules rules) {
    if (!rules.limitsOwners()) {
      return queue.isEmpty() ? null : queue.first();
    }
    for (Iterator<Item> it = queue.iterator(); it.hasNext(); ) {
      Item item = it.next();
      boolean ownerFull =
          rules.maxRunningPerOwner() > 0
              && count(running, ownerKey(item.owner)) >= rules.maxRunningPerOwner();
      boolean typeFull =
          rules.maxRunningPerOwnerOfType() > 0
              && count(running, ownerTypeKey(item.owner, item.type))
                  >= rules.maxRunningPerOwnerOfType();
      if (!ownerFull && !typeFull) {
        return item;
      }
    }
    return null;
  }

  /** Returns the owners with PENDING or RUNNING tasks. */
  List<String> ownersWithActiveTasks() {
    List<String> owners = new ArrayList<>();
    for (String k : active.keySet()) {
      if (k.startsWith("o:")) {
        owners.add(k.substring(2));
      }
    }
    return owners;
  }

  /** Returns an owner's PENDING and RUNNING counts. */
  long[] ownerCounts(String owner) {
    String k = ownerKey(owner);
    return new long[] {count(active, k) - count(running, k), count(running, k)};
  }

  private static String ownerKey(String owner) {
    return "o:" + owner;
  }

  private static String ownerTypeKey(String owner, String type) {
    return "t:" + NewTask.activeKey(owner, type, "");
  }

  private static int count(Map<String, Integer> counts, String key) {
    return counts.getOrDefault(key, 0);
  }

  private static void decrement(Map<String, Integer> counts, String key) {
    counts.computeIfPresent(key, (k, v) -> v == 1 ? null : v - 1);
  }

  private static int byDue(Item a, Item b) {
    int c = a.due.compareTo(b.due);
    return c != 0 ? c : byRank(a, b);
  }

  private static int byRank(Item a, Item b) {
    int c = Long.compare(a.rank, b.rank);
    if (c == 0) {
      c = Long.compare(a.created, b.created);
    }
    return c != 0 ? c : a.id.compareTo(b.id);
  }

  private static int byTurn(Item a, Item b) {
    int c = Long.compare(a.turn, b.turn);
    return c != 0 ? c : byRank(a, b);
  }

  /** A PENDING task as the queue orders it. */
  private static final class Item {
    final TaskId id;
    final String type;
    final String owner;
    final Instant due;
    final long rank;
    final long created;
    final long turn;

    Item(Task t, long turn) {
      this.id = t.id();
      this.type = t.type();
      this.owner = t.owner();
      this.due = t.dueAt();
      Duration lead = t.scheduling().priorityLead();
      this.rank = t.createdAt().toEpochMilli() - lead.toMillis();
      this.created = t.createdAt().toEpochMilli();
      this.turn = turn;
    }
  }
}
