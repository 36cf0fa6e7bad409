package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.ExportRequest;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskKind;
import io.taskport.TaskStatus;
import io.taskport.store.NewTask;
import io.taskport.store.TaskStore;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.InvocationAudit.Invocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 14, poison pills: (a) a task whose handler halts its JVM is started exactly
 * maxAttempts (3) times and then FAILED as LEASE_LOST; (b) a task whose stored params no longer
 * bind fails at once as non-retryable, and one of a type no worker knows stays PENDING and
 * unclaimed; the normal tasks alongside all complete, with no crash loop.
 */
class S14PoisonPillIT {
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void poisonPills_areContainedAndNormalTasksComplete(Backend backend) throws Exception {
    Report.Run run = Report.begin("14 poison pill", backend);
    int normal = Scale.pick(100, 1000);
    try (Harness h = Harness.open(run, backend)) {
      TaskId poison = null;
      if (backend.isShared()) {
        h.cluster.startAll("w", 2, Map.of("workers", "4"));
        h.cluster.superviseRestarts(Map.of("workers", "4"));
        poison =
            h.submitter.submit(ExportRequest.of(Handlers.POISON, Invariants.OWNER).format("tsv")).id();
      } else {
        run.note("(a) not applicable in-memory: a handler that halts the JVM would halt the test"
            + " and its store; (b) runs on one node in this JVM");
        h.localNode("w1", 4);
      }
      TaskId badParams = create(h.observer, Handlers.STRICT, "{\"count\":\"many\"}");
      TaskId unknownType = create(h.observer, "retired-type", "{}");
      List<TaskId> ids = Scenarios.submit(h.submitter, normal, 20, 5);
      List<TaskId> watched = new ArrayList<>(ids);
      watched.add(badParams);
      if (poison != null) {
        watched.add(poison);
      }
      h.inv.awaitTerminal(watched, Duration.ofSeconds(120));
      h.cluster.stopRestarting();
      Set<TaskId> mayRerun = new HashSet<>(h.cluster.killedInFlight());
      h.inv.assertCompleted(ids, mayRerun, 5);

      if (poison != null) {
        TaskId p = poison;
        Task t = h.observer.get(p).orElseThrow();
        long starts = h.audit.invocations().stream().filter(i -> i.taskId().equals(p)).count();
        run.note("poison task: " + Invariants.describe(t) + ", started " + starts + " times, "
            + h.cluster.restarts() + " worker restarts");
        h.verdict.check(
            t.status() == TaskStatus.FAILED
                && t.error() != null
                && TaskError.LEASE_LOST.equals(t.error().code()),
            "I6",
            "the poison task should be FAILED as LEASE_LOST: " + Invariants.describe(t));
        h.verdict.check(
            starts == t.attempts().max(),
            "I6",
            "the poison task was started " + starts + " times, not maxAttempts " + t.attempts().max());
        h.verdict.check(
            h.cluster.restarts() == t.attempts().max(),
            "crash loop",
            h.cluster.restarts() + " worker deaths for " + t.attempts().max() + " poison attempts");
        Scenarios.assertRecoveries(h.cluster, run, h.verdict);
      }
      Task bad = h.observer.get(badParams).orElseThrow();
      run.note("params that no longer bind: " + Invariants.describe(bad));
      h.verdict.check(
          bad.status() == TaskStatus.FAILED && bad.attempts().current() == 1,
          "non-retryable",
          "a task whose params no longer bind should fail once, not retry: " + Invariants.describe(bad));
      h.verdict.check(
          h.audit.invocations().stream().map(Invocation::taskId).noneMatch(badParams::equals),
          "non-retryable",
          "the handler ran with params that do not bind");
      await("the unknown-type task stays PENDING and unclaimed")
          .during(Timing.LEASE)
          .atMost(Timing.LEASE.plus(Duration.ofSeconds(5)))
          .until(
              () -> {
                Task u = h.observer.get(unknownType).orElseThrow();
                return u.status() == TaskStatus.PENDING && u.attempts().current() == 0;
              });
      run.note("unknown type: " + Invariants.describe(h.observer.get(unknownType).orElseThrow()));
      h.verdict.check(
          h.cluster.alive().size() == (backend.isShared() ? 2 : 0),
          "crash loop",
          "workers alive at the end: " + h.cluster.alive());
    }
  }

  private static TaskId create(TaskStore store, String type, String params) {
    NewTask n =
        new NewTask(
            TaskId.random(),
            TaskKind.EXPORT,
            type,
            Invariants.OWNER,
            "tsv",
            params,
            null,
            null,
            3,
            Duration.ofDays(1));
    return store.create(n).id();
  }
}
