package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.store.CancelOutcome;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskNotFoundException;
import io.taskport.TaskQuery;
import io.taskport.TaskStatus;
import io.taskport.store.TaskStore;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.InvocationAudit.Invocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The invariants I1 to I8 of RELIABILITY.md, asserted over the store, the published files and the
 * invocation audit, which is kept apart from Taskport's state. Violations go to a {@link Verdict};
 * figures go to the report's {@link Report.Run}.
 */
final class Invariants {
  static final String OWNER = "ann";
  static final String INTRUDER = "mallory";

  /** How long leftovers of dead attempts may stay: one housekeeping purge interval. */
  static final Duration CLEANUP_BOUND = Timing.SWEEP.multipliedBy(6);

  private final Report.Run run;
  private final Verdict verdict;
  private final TaskStore store;
  private final Path files;
  private final InvocationAudit audit;

  Invariants(Report.Run run, Verdict verdict, TaskStore store, Path files, InvocationAudit audit) {
    this.run = run;
    this.verdict = verdict;
    this.store = store;
    this.files = files;
    this.audit = audit;
  }

  /** Waits, up to {@code bound}, until every task is terminal; returns whether all were. */
  boolean awaitTerminal(Collection<TaskId> ids, Duration bound) {
    try {
      await()
          .atMost(bound)
          .pollInterval(Duration.ofMillis(200))
          .until(() -> ids.stream().allMatch(id -> status(id).map(TaskStatus::isTerminal).orElse(true)));
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  Optional<TaskStatus> status(TaskId id) {
    return store.get(id).map(Task::status);
  }

  /**
   * Asserts that every task COMPLETED exactly once (I1, I3), published exactly one readable file
   * of {@code rows} rows and left no temp file (I2), within its attempts (I6), and that only tasks
   * in {@code mayRerun} ran their handler more than once.
   */
  void assertCompleted(Collection<TaskId> ids, Set<TaskId> mayRerun, long rows) {
    Map<TaskId, List<Invocation>> byTask = byTask();
    long completed = 0;
    long lost = 0;
    long duplicates = 0;
    for (TaskId id : ids) {
      Optional<Task> found = store.get(id);
      List<Invocation> inv = byTask.getOrDefault(id, List.of());
      duplicates += Math.max(0, inv.size() - 1);
      verdict.check(
          inv.size() <= 1 || mayRerun.contains(id),
          "at-least-once",
          "task " + id + " ran its handler " + inv.size() + " times without being in flight on a"
              + " killed or paused worker: " + inv);
      if (found.isEmpty()) {
        lost++;
        verdict.check(false, "I3", "task " + id + " is gone from the store");
        continue;
      }
      Task t = found.get();
      if (!t.status().isTerminal()) {
        lost++;
        verdict.check(false, "I3", "task " + id + " never finished: " + describe(t));
        continue;
      }
      verdict.check(
          t.attempts().current() <= t.attempts().max(),
          "I6",
          "task " + id + " had " + t.attempts() + " attempts");
      if (t.status() != TaskStatus.COMPLETED) {
        verdict.check(false, "I1", "task " + id + " ended " + describe(t) + ", not COMPLETED");
        continue;
      }
      completed++;
      int committing = t.attempts().current();
      verdict.check(
          inv.stream().anyMatch(i -> i.attempt() == committing && i.end() != null),
          "I1",
          "task " + id + " COMPLETED by attempt " + committing
              + ", which has no finished handler run in the audit: " + inv);
      checkPublished(t, rows);
    }
    run.submitted += ids.size();
    run.completed += completed;
    run.lost += lost;
    run.duplicates += duplicates;
    verdict.check(lost == 0, "I3", lost + " of " + ids.size() + " tasks lost or unfinished");
    assertNoLeftovers(ids);
  }

  private void checkPublished(Task t, long rows) {
    List<Path> published = published(t.id());
    String key = t.result() == null || t.result().file() == null ? null : t.result().file().key();
    verdict.check(key != null, "I2", "task " + t.id() + " COMPLETED without a result file");
    if (key == null) {
      return;
    }
    Path file = files.resolve(key);
    verdict.check(
        Files.isRegularFile(file), "I2", "task " + t.id() + " COMPLETED but its file " + key + " is not readable");
    if (Files.isRegularFile(file) && rows >= 0) {
      try (Stream<String> lines = Files.lines(file)) {
        long n = lines.count();
        verdict.check(
            n == rows + 1, "I2", "task " + t.id() + " published " + (n - 1) + " rows, expected " + rows);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * I2 for the leftovers of attempts that lost: once every task is terminal, each COMPLETED task
   * has exactly its one published file and no task has a temp file, within the cleanup bound.
   */
  void assertNoLeftovers(Collection<TaskId> ids) {
    List<String> left = leftovers(ids);
    if (!left.isEmpty()) {
      try {
        await()
            .atMost(CLEANUP_BOUND)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> leftovers(ids).isEmpty());
      } catch (ConditionTimeoutException e) {
        left = leftovers(ids);
        long temps = left.stream().filter(k -> k.startsWith(".tmp/")).count();
        long orphans = left.size() - temps;
        run.note(
            "leftovers " + CLEANUP_BOUND.toMillis() + " ms after the end: " + temps
                + " temp files of dead attempts, " + orphans
                + " published files of attempts that never committed");
        verdict.check(
            false,
            "I2",
            temps + " temp files and " + orphans + " published files of attempts that did not"
                + " commit are still there " + CLEANUP_BOUND.toMillis()
                + " ms after the tasks finished, e.g. " + left.subList(0, Math.min(3, left.size())));
      }
    }
  }

  private List<String> leftovers(Collection<TaskId> ids) {
    List<String> left = new ArrayList<>();
    Set<String> idSet = new java.util.HashSet<>();
    for (TaskId id : ids) {
      idSet.add(id.value());
      Task t = store.get(id).orElse(null);
      String key =
          t == null || t.result() == null || t.result().file() == null ? null : t.result().file().key();
      for (Path p : published(id)) {
        String k = files.relativize(p).toString().replace('\\', '/');
        if (!k.equals(key)) {
          left.add(k);
        }
      }
    }
    Path temp = files.resolve(".tmp");
    if (Files.isDirectory(temp)) {
      try (Stream<Path> parts = Files.list(temp)) {
        parts
            .map(p -> p.getFileName().toString())
            .filter(n -> idSet.contains(n.substring(0, Math.max(0, n.indexOf('.')))))
            .forEach(n -> left.add(".tmp/" + n));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return left;
  }

  private List<Path> published(TaskId id) {
    Path dir = files.resolve(id.value());
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** I7: with no injected fault, one handler run and one attempt per task. */
  void assertFaultFree(Collection<TaskId> ids) {
    Map<TaskId, List<Invocation>> byTask = byTask();
    long reruns = 0;
    for (TaskId id : ids) {
      reruns += Math.max(0, byTask.getOrDefault(id, List.of()).size() - 1);
    }
    verdict.check(reruns == 0, "I7", reruns + " handler runs beyond one per task without any fault");
    assertNoLeaseExpiry(ids);
  }

  /** No lease expired: every task finished on its first counted attempt. */
  void assertNoLeaseExpiry(Collection<TaskId> ids) {
    long expiries = 0;
    for (TaskId id : ids) {
      Task t = store.get(id).orElse(null);
      if (t != null && t.attempts().current() > 1) {
        expiries++;
      }
    }
    verdict.check(
        expiries == 0, "I7", expiries + " tasks took more than one attempt without a lost worker");
  }

  /** I8: another owner sees, cancels and opens none of the tasks. */
  void assertIsolation(TaskManager manager, Collection<TaskId> ids) {
    int checked = 0;
    for (TaskId id : ids) {
      if (checked++ == 10) {
        break;
      }
      Task before = store.get(id).orElseThrow();
      verdict.check(
          throwsNotFound(() -> manager.get(id, INTRUDER)), "I8", "another owner can read " + id);
      verdict.check(
          throwsNotFound(() -> manager.openResult(id, INTRUDER).close()),
          "I8",
          "another owner can open the result of " + id);
      verdict.check(
          throwsNotFound(
              () -> {
                CancelOutcome ignored = manager.cancel(id, INTRUDER);
              }),
          "I8",
          "another owner can cancel " + id);
      Task after = store.get(id).orElseThrow();
      verdict.check(
          before.status() == after.status() && before.cancelRequested() == after.cancelRequested(),
          "I8",
          "another owner's cancel changed " + id);
    }
    verdict.check(
        manager.list(TaskQuery.of(INTRUDER)).items().isEmpty(),
        "I8",
        "another owner's list shows tasks of " + OWNER);
  }

  private interface Call {
    void run() throws Exception;
  }

  private static boolean throwsNotFound(Call c) {
    try {
      c.run();
      return false;
    } catch (TaskNotFoundException e) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  Map<TaskId, List<Invocation>> byTask() {
    Map<TaskId, List<Invocation>> m = new HashMap<>();
    for (Invocation i : audit.invocations()) {
      m.computeIfAbsent(i.taskId(), k -> new ArrayList<>()).add(i);
    }
    return m;
  }

  static String describe(Task t) {
    return t.status()
        + " (attempt "
        + t.attempts().current()
        + "/"
        + t.attempts().max()
        + (t.lease() == null ? "" : ", lease " + t.lease())
        + (t.error() == null ? "" : ", error " + t.error().code() + " " + t.error().message())
        + ")";
  }
}
