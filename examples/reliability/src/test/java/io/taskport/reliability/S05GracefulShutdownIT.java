package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.testkit.InvocationAudit.Invocation;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 5, graceful shutdown mid-work: worker A is asked to stop (SIGTERM, or close() in one
 * JVM) with a 5 s drain while it runs 3 s tasks. A exits within drain + 2 s; its tasks complete or
 * go back to PENDING with no lease expiry (one attempt each); no task runs on two workers at once.
 */
class S05GracefulShutdownIT {
  private static final Duration DRAIN = Duration.ofSeconds(5);

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void gracefulShutdown_drainsWithoutLeaseExpiry(Backend backend) throws Exception {
    Report.Run run = Report.begin("5 graceful shutdown", backend);
    int tasks = Scale.pick(12, 200);
    Duration limit = DRAIN.plus(Duration.ofSeconds(2));
    try (Harness h = Harness.open(run, backend)) {
      Cluster.Worker a = null;
      TaskManager localA = null;
      if (backend.isShared()) {
        a = h.cluster.startAll("w", 2, Map.of("workers", "4", "drain.millis", "" + DRAIN.toMillis())).get(0);
      } else {
        run.note("in-memory: two nodes in one JVM; A is stopped with close()");
        localA = h.localNode(Nodes.worker(h.observer, h.env.files, h.audit, "w1").workers(4).drainTimeout(DRAIN));
        h.localNode(Nodes.worker(h.observer, h.env.files, h.audit, "w2").workers(4).drainTimeout(DRAIN));
      }
      String idA = a != null ? a.id() : "w1";
      List<TaskId> ids = Scenarios.submit(h.submitter, tasks, 3000, 10);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> h.audit.invocations().stream().filter(i -> i.worker().equals(idA)).count() >= 4);
      Instant stopAt = Instant.now();
      boolean exited = true;
      if (a != null) {
        exited = a.jvm().stop(limit.plus(Timing.MARGIN));
      } else {
        localA.close();
      }
      Instant stoppedAt = Instant.now();
      Duration took = Duration.between(stopAt, stoppedAt);
      run.note("A stopped in " + took.toMillis() + " ms (drain " + DRAIN.toMillis() + " ms)");
      h.verdict.check(
          exited && took.compareTo(limit.plus(Timing.MARGIN)) <= 0,
          "shutdown",
          "A did not exit within drain + 2 s (+" + Timing.MARGIN.toSeconds() + " s margin): "
              + took.toMillis() + " ms");
      // B alone runs what is left: 200 tasks of 3 s on 4 threads take 150 s in the long form
      h.inv.awaitTerminal(ids, Duration.ofSeconds(Scale.pick(90, 300)));
      Set<TaskId> released = h.audit.unfinished(idA);
      run.note(released.size() + " of A's tasks were handed back unfinished");
      h.inv.assertCompleted(ids, released, 10);
      h.inv.assertNoLeaseExpiry(ids);
      checkNoOverlap(h, stoppedAt);
    }
  }

  /** No task ran on two workers at once: a later run starts after the earlier ended or A exited. */
  private static void checkNoOverlap(Harness h, Instant stoppedAt) {
    Map<TaskId, List<Invocation>> byTask =
        h.audit.invocations().stream().collect(Collectors.groupingBy(Invocation::taskId));
    byTask.forEach(
        (id, runs) -> {
          List<Invocation> sorted =
              runs.stream().sorted(Comparator.comparing(Invocation::start)).toList();
          for (int i = 1; i < sorted.size(); i++) {
            Invocation before = sorted.get(i - 1);
            Instant end = before.end() != null ? before.end() : stoppedAt;
            h.verdict.check(
                !sorted.get(i).start().isBefore(end),
                "overlap",
                "task " + id + " started on " + sorted.get(i).worker() + " at "
                    + sorted.get(i).start() + " while " + before.worker()
                    + " still ran it (until " + end + ")");
          }
        });
  }
}
