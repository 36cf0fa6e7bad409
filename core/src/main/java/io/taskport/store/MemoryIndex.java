package io.taskport.store;

import io.taskport.Lease;
import io.taskport.Page;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskQuery;
import io.taskport.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The tasks of an {@link InMemoryTaskStore} and every index over them: active dedup keys, the
 * queue, leases, expiries and each owner's tasks. Not thread-safe: the store's lock guards it.
 */
final class MemoryIndex {
  private final Map<TaskId, Task> tasks = new HashMap<>();
  private final Map<String, TaskId> activeKeys = new HashMap<>();
  private final MemoryQueue queue = new MemoryQueue();
  private final NavigableSet<Entry> leases = new TreeSet<>();
  private final NavigableSet<Entry> expiries = new TreeSet<>();
  // an owner's tasks by (createdAt, id), which never change: indexed once, at create
  private final Map<String, NavigableSet<Entry>> byOwner = new HashMap<>();

  @Nullable Task get(TaskId id) {
    return tasks.get(id);
  }

  Collection<Task> all() {
    return tasks.values();
  }

  int size() {
    return tasks.size();
  }

  MemoryQueue queue() {
    return queue;
  }

  /** Returns the task if it is RUNNING under the fence's worker and attempt. */
  @Nullable Task fenced(Fence fence) {
    Task t = tasks.get(fence.id());
    if (t == null || t.status() != TaskStatus.RUNNING) {
      return null;
    }
    Lease lease = t.lease();
    boolean same =
        lease != null
            && lease.workerId().equals(fence.workerId())
            && t.attempts().current() == fence.attempt();
    return same ? t : null;
  }

  /** Returns the live task holding the active key, if any. */
  @Nullable Task activeTwin(String activeKey) {
    TaskId twin = activeKeys.get(activeKey);
    return twin == null ? null : tasks.get(twin);
  }

  boolean activeKeyTaken(String activeKey) {
    return activeKeys.containsKey(activeKey);
  }

  void takeActiveKey(String activeKey, TaskId id) {
    activeKeys.put(activeKey, id);
  }

  /** Returns the RUNNING task whose lease ends first, if it ended by {@code now}. */
  @Nullable Task firstLeaseEndedBy(Instant now) {
    return leases.isEmpty() || leases.first().at.isAfter(now) ? null : tasks.get(leases.first().id);
  }

  /** Returns the finished task that expires first, if it expired by {@code now}. */
  @Nullable Task firstExpiredBy(Instant now) {
    return expiries.isEmpty() || expiries.first().at.isAfter(now)
        ? null
        : tasks.get(expiries.first().id);
  }

  /** One page of an owner's tasks, newest first. */
  Page<Task> listOwned(TaskQuery query) {
    NavigableSet<Entry> owned = byOwner.get(query.owner());
    if (owned == null) {
      return new Page<>(List.of(), null);
    }
    List<Task> items = new ArrayList<>(query.limit());
    boolean more = false;
    for (Entry e : owned.descendingSet()) {
      if (query.after() != null && !query.after().precedes(e.at, e.id)) {
        continue;
      }
      Task t = tasks.get(e.id);
      if (!query.matches(t)) {
        continue;
      }
      if (items.size() == query.limit()) {
        more = true;
        break;
      }
      items.add(t);
    }
    Page.Cursor next = more ? Page.Cursor.after(items.get(items.size() - 1)) : null;
    return new Page<>(items, next);
  }

  /**
   * Replaces {@code old} by {@code next} (either may be null) and keeps every index in step. A
   * change of status is checked against the state table, {@link TaskStatus#canMoveTo}.
   */
  void put(@Nullable Task old, @Nullable Task next) {
    if (old != null && next != null) {
      TaskStatus.checkMove(old.status(), next.status());
    }
    if (old != null) {
      unindex(old);
    }
    if (next == null) {
      if (old != null) {
        NavigableSet<Entry> owned = byOwner.get(old.owner());
        owned.remove(ownerEntry(old));
        if (owned.isEmpty()) {
          byOwner.remove(old.owner());
        }
        tasks.remove(old.id());
        queue.forget(old.id());
        if (!old.isTerminal() && old.dedupKey() != null) {
          activeKeys.remove(NewTask.activeKey(old.owner(), old.type(), old.dedupKey()), old.id());
        }
      }
      return;
    }
    if (old == null) {
      byOwner.computeIfAbsent(next.owner(), k -> new TreeSet<>()).add(ownerEntry(next));
    }
    tasks.put(next.id(), next);
    index(next);
  }

  private void index(Task t) {
    switch (t.status()) {
      case PENDING -> queue.index(t);
      case RUNNING -> {
        leases.add(new Entry(t.lease().until(), 0, t.id()));
        queue.index(t);
      }
      default -> {
        expiries.add(new Entry(t.expiresAt(), 0, t.id()));
        if (t.dedupKey() != null) {
          activeKeys.remove(NewTask.activeKey(t.owner(), t.type(), t.dedupKey()), t.id());
        }
      }
    }
  }

  private void unindex(Task t) {
    switch (t.status()) {
      case PENDING -> queue.unindex(t);
      case RUNNING -> {
        leases.remove(new Entry(t.lease().until(), 0, t.id()));
        queue.unindex(t);
      }
      default -> expiries.remove(new Entry(t.expiresAt(), 0, t.id()));
    }
  }

  private static Entry ownerEntry(Task t) {
    return new Entry(t.createdAt(), 0, t.id());
  }

  /** An index entry ordered by time, then a tie-breaker, then id. */
  private record Entry(Instant at, long tie, TaskId id) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = at.compareTo(o.at);
      if (c == 0) {
        c = Long.compare(tie, o.tie);
      }
      return c != 0 ? c : id.compareTo(o.id);
    }
  }
}
