package io.taskport.reliability;

import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStateException;
import io.taskport.TaskStatus;
import io.taskport.store.TaskStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 11, a crash between "file written" and "state committed": a fault hook halts the worker
 * right after a task's result file is durable and before its terminal transition. Until a later
 * attempt commits, no result can be opened; a COMPLETED task always has a readable file; and the
 * dead attempt's file is gone or superseded, leaving one published file per task (I2).
 */
class S11CrashAfterPublishIT {
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void crashAfterPublish_leavesOneVisibleResult(Backend backend) throws Exception {
    Report.Run run = Report.begin("11 crash after publish", backend);
    if (!backend.isShared()) {
      run.notApplicable("the fault hook halts a worker JVM, which needs a store shared by JVMs");
    }
    int tasks = Scale.pick(40, 400);
    int targets = Scale.pick(8, 100);
    try (Harness h = Harness.open(run, backend)) {
      Path markers = Files.createDirectories(h.env.dir.resolve("halt-markers"));
      // one task per worker JVM, so that a halt takes down only the task whose hook fired
      Map<String, String> props = Map.of("workers", "1", "halt.markers", markers.toString());
      List<TaskId> ids = Scenarios.submit(h.submitter, tasks, 100, 10);
      Set<TaskId> halting = new HashSet<>();
      for (int i = 0; i < tasks; i += tasks / targets) {
        Files.createFile(markers.resolve(ids.get(i).value()));
        halting.add(ids.get(i));
      }
      Set<String> seen = ConcurrentHashMap.newKeySet();
      AtomicBoolean watching = new AtomicBoolean(true);
      Thread watcher =
          new Thread(
              () -> {
                while (watching.get()) {
                  for (TaskId id : halting) {
                    seen.addAll(checkVisibility(h.submitter, h.observer, id));
                  }
                  LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
              },
              "visibility-watcher");
      watcher.start();
      h.cluster.startAll("w", 2, props);
      h.cluster.superviseRestarts(props);
      boolean settled = h.inv.awaitTerminal(ids, Duration.ofSeconds(Scale.pick(120, 900)));
      h.cluster.stopRestarting();
      watching.set(false);
      watcher.join();
      run.note(halting.size() + " of " + tasks + " tasks halt their worker after publishing"
          + " (2 worker JVMs x 1 thread); "
          + h.cluster.restarts() + " worker restarts; settled: " + settled);
      for (String s : seen) {
        h.verdict.check(false, "I2", s);
      }
      Set<TaskId> mayRerun = new HashSet<>(halting);
      mayRerun.addAll(h.cluster.killedInFlight());
      h.inv.assertCompleted(ids, mayRerun, 10);
      for (TaskId id : halting) {
        Task t = h.observer.get(id).orElseThrow();
        h.verdict.check(
            t.status() != TaskStatus.COMPLETED || t.attempts().current() >= 2,
            "fault hook",
            "task " + id + " completed on its first attempt though its hook halts the worker");
      }
      Scenarios.assertRecoveries(h.cluster, run, h.verdict);
    }
  }

  /** Returns what a reader could wrongly see of a task right now. */
  private static Set<String> checkVisibility(TaskManager m, TaskStore store, TaskId id) {
    try (InputStream in = m.openResult(id, Invariants.OWNER)) {
      in.readAllBytes();
      Task after = store.get(id).orElse(null);
      if (after == null || after.status() != TaskStatus.COMPLETED) {
        return Set.of(
            "the result of " + id + " could be opened while it was "
                + (after == null ? "gone" : after.status()));
      }
      return Set.of();
    } catch (TaskStateException e) {
      return Set.of();
    } catch (Exception e) {
      Task now = store.get(id).orElse(null);
      if (now != null && now.status() == TaskStatus.COMPLETED) {
        return Set.of("task " + id + " is COMPLETED but its file cannot be read: " + e);
      }
      return Set.of();
    }
  }
}
