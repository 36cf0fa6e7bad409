package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.ExportRequest;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskKind;
import io.taskport.TaskManager;
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
      InvocationAudit audit = h.audit;
      TaskStore observer = h.observer;
      Invariants inv = h.inv;
      Verdict verdict = h.verdict;
      TaskManager submitter = h.submitter;
      Cluster cluster = h.cluster;
      TaskId poison = null;
      if (backend.isShared()) {
        cluster.startAll("w", 2, Map.of("workers", "4"));
        cluster.superviseRestarts(Map.of("workers", "4"));
        poison =
            submitter.submit(ExportRequest.of(Handlers.POISON, Invariants.OWNER).format("tsv")).id();
      } else {
        run.note("(a) not applicable in-memory: a handler that halts the JVM would halt the test"
            + " and its store; (b) runs on one node in this JVM");
        h.localNode("w1", 4);
      }
      TaskId badParams = create(observer, Handlers.STRICT, "{\"count\":\"many\"}");
      TaskId unknownType = create(observer, "retired-type", "{}");
      List<TaskId> ids = Scenarios.submit(submitter, normal, 20, 5);
      List<TaskId> watched = new ArrayList<>(ids);
      watched.add(badParams);
      if (poison != null) {
        watched.add(poison);
      }
      inv.awaitTerminal(watched, Duration.ofSeconds(120));
      cluster.stopRestarting();
      Set<TaskId> mayRerun = new HashSet<>(cluster.killedInFlight());
      inv.assertCompleted(ids, mayRerun, 5);

      if (poison != null) {
        TaskId p = poison;
        Task t = observer.get(p).orElseThrow();
        long starts = audit.invocations().stream().filter(i -> i.taskId().equals(p)).count();
        run.note("poison task: " + Invariants.describe(t) + ", started " + starts + " times, "
            + cluster.restarts() + " worker restarts");
        verdict.check(
            t.status() == TaskStatus.FAILED
                && t.error() != null
                && TaskError.LEASE_LOST.equals(t.error().code()),
            "I6",
            "the poison task should be FAILED as LEASE_LOST: " + Invariants.describe(t));
        verdict.check(
            starts == t.attempts().max(),
            "I6",
            "the poison task was started " + starts + " times, not maxAttempts " + t.attempts().max());
        verdict.check(
            cluster.restarts() == t.attempts().max(),
            "crash loop",
            cluster.restarts() + " worker deaths for " + t.attempts().max() + " poison attempts");
        Scenarios.assertRecoveries(cluster, run, verdict);
      }
      Task bad = observer.get(badParams).orElseThrow();
      run.note("params that no longer bind: " + Invariants.describe(bad));
      verdict.check(
          bad.status() == TaskStatus.FAILED && bad.attempts().current() == 1,
          "non-retryable",
          "a task whose params no longer bind should fail once, not retry: " + Invariants.describe(bad));
      verdict.check(
          audit.invocations().stream().map(Invocation::taskId).noneMatch(badParams::equals),
          "non-retryable",
          "the handler ran with params that do not bind");
      await("the unknown-type task stays PENDING and unclaimed")
          .during(Timing.LEASE)
          .atMost(Timing.LEASE.plus(Duration.ofSeconds(5)))
          .until(
              () -> {
                Task u = observer.get(unknownType).orElseThrow();
                return u.status() == TaskStatus.PENDING && u.attempts().current() == 0;
              });
      run.note("unknown type: " + Invariants.describe(observer.get(unknownType).orElseThrow()));
      verdict.check(
          cluster.alive().size() == (backend.isShared() ? 2 : 0),
          "crash loop",
          "workers alive at the end: " + cluster.alive());
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
