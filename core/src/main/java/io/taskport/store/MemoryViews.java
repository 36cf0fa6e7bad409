package io.taskport.store;

import io.taskport.AdminQuery;
import io.taskport.OwnerCount;
import io.taskport.Page;
import io.taskport.Task;
import io.taskport.TaskCount;
import io.taskport.TaskStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The operator's reads of {@link InMemoryTaskStore}, over its tasks; the store holds its lock. */
final class MemoryViews {
  private static final Comparator<Task> NEWEST_FIRST =
      Comparator.comparing(Task::createdAt).thenComparing(Task::id).reversed();

  private MemoryViews() {}

  static Page<Task> listAll(Collection<Task> tasks, AdminQuery query) {
    List<Task> found = new ArrayList<>();
    Page.Cursor after = query.after();
    for (Task t : tasks) {
      if (query.matches(t) && (after == null || after.precedes(t.createdAt(), t.id()))) {
        found.add(t);
      }
    }
    found.sort(NEWEST_FIRST);
    if (found.size() <= query.limit()) {
      return new Page<>(found, null);
    }
    List<Task> items = List.copyOf(found.subList(0, query.limit()));
    return new Page<>(items, Page.Cursor.after(items.get(items.size() - 1)));
  }

  static List<TaskCount> counts(Collection<Task> tasks) {
    Map<String, Map<TaskStatus, Long>> tally = new TreeMap<>();
    for (Task t : tasks) {
      tally
          .computeIfAbsent(t.type(), k -> new EnumMap<>(TaskStatus.class))
          .merge(t.status(), 1L, Long::sum);
    }
    List<TaskCount> counts = new ArrayList<>();
    tally.forEach((type, m) -> m.forEach((s, n) -> counts.add(new TaskCount(type, s, n))));
    return counts;
  }

  static List<OwnerCount> activeOwners(MemoryQueue queue, int limit) {
    List<OwnerCount> owners = new ArrayList<>();
    for (String owner : queue.ownersWithActiveTasks()) {
      long[] n = queue.ownerCounts(owner);
      owners.add(new OwnerCount(owner, n[0], n[1]));
    }
    owners.sort(OwnerCount.MOST_PENDING_FIRST);
    return List.copyOf(owners.subList(0, Math.min(limit, owners.size())));
  }
}
