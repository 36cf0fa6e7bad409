package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.store.TaskStore;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.InvocationAudit.Invocation;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    backend.requireReachable();
    int tasks = Scale.pick(16, 200);
    Verdict verdict = new Verdict();
    try (StoreEnv env = new StoreEnv(backend)) {
      InvocationAudit audit = new InvocationAudit(env.auditFile);
      TaskStore observer = env.store();
      Invariants inv = new Invariants(run, verdict, observer, env.files, audit);
      TaskManager localA = null;
      TaskManager localB = null;
      try (TaskManager submitter = Nodes.submitter(observer, env.files, audit);
          Cluster cluster = new Cluster(env, backend.url(), observer, audit, run)) {
        Cluster.Worker a = null;
        String idA;
        if (backend.isShared()) {
          Map<String, String> props = Map.of("workers", "4", "drain.millis", Long.toString(DRAIN.toMillis()));
          a = cluster.startAll("w", 2, props).get(0);
          idA = a.id();
        } else {
          run.note("in-memory: two nodes in one JVM; A is stopped with close()");
          localA = Nodes.worker(observer, env.files, audit, "w1").workers(4).drainTimeout(DRAIN).build();
          localB = Nodes.worker(observer, env.files, audit, "w2").workers(4).drainTimeout(DRAIN).build();
          localA.start();
          localB.start();
          idA = "w1";
        }
        List<TaskId> ids = Scenarios.submit(submitter, tasks, 3000, 10);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> audit.invocations().stream().filter(i -> i.worker().equals(idA)).count() >= 4);
        Instant stopAt = Instant.now();
        boolean exited;
        if (a != null) {
          exited = a.jvm().stop(DRAIN.plus(Duration.ofSeconds(2)).plus(Timing.MARGIN));
        } else {
          localA.close();
          exited = true;
        }
        Instant stoppedAt = Instant.now();
        Duration took = Duration.between(stopAt, stoppedAt);
        run.note("A stopped in " + took.toMillis() + " ms (drain " + DRAIN.toMillis() + " ms)");
        verdict.check(
            exited && took.compareTo(DRAIN.plus(Duration.ofSeconds(2)).plus(Timing.MARGIN)) <= 0,
            "shutdown",
            "A did not exit within drain + 2 s (+" + Timing.MARGIN.toSeconds() + " s margin): "
                + took.toMillis() + " ms");
        inv.awaitTerminal(ids, Duration.ofSeconds(90));
        Set<TaskId> released = audit.unfinished(idA);
        run.note(released.size() + " of A's tasks were handed back unfinished");
        inv.assertCompleted(ids, released, 10);
        inv.assertNoLeaseExpiry(ids);
        checkNoOverlap(audit, idA, stoppedAt, verdict);
      } finally {
        if (localA != null) {
          localA.close();
        }
        if (localB != null) {
          localB.close();
        }
      }
    }
    verdict.assertNone();
  }

  /** No task ran on two workers at once: a later run starts after the earlier ended or A exited. */
  private static void checkNoOverlap(
      InvocationAudit audit, String idA, Instant stoppedAt, Verdict verdict) {
    Map<TaskId, List<Invocation>> byTask =
        audit.invocations().stream().collect(java.util.stream.Collectors.groupingBy(Invocation::taskId));
    byTask.forEach(
        (id, runs) -> {
          List<Invocation> sorted = runs.stream().sorted(Comparator.comparing(Invocation::start)).toList();
          for (int i = 1; i < sorted.size(); i++) {
            Invocation before = sorted.get(i - 1);
            Instant end = before.end() != null ? before.end() : stoppedAt;
            verdict.check(
                !sorted.get(i).start().isBefore(end),
                "overlap",
                "task " + id + " started on " + sorted.get(i).worker() + " at " + sorted.get(i).start()
                    + " while " + before.worker() + " still ran it (until " + end + ")");
          }
        });
  }
}
