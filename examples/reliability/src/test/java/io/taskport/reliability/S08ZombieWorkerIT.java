package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskStatus;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.InvocationAudit.Invocation;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 8, a zombie worker: A is frozen with SIGSTOP while it runs task T. A 50 ms pause
 * changes nothing; a pause of 2 x lease lets B take T over with the next fence and complete it,
 * and after SIGCONT every write of A's for T is rejected (I5): T keeps B's attempt and B's file.
 */
class S08ZombieWorkerIT {
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void pausedWorker_losesItsTaskAndItsWritesAreRejected(Backend backend) throws Exception {
    Report.Run run = Report.begin("8 zombie worker (SIGSTOP)", backend);
    if (!backend.isShared()) {
      run.notApplicable("SIGSTOP of a worker needs a worker JVM sharing the store");
    }
    try (Harness h = Harness.open(run, backend)) {
      Cluster.Worker a = h.cluster.start("a", Map.of("workers", "1"));

      TaskId short1 = Scenarios.submit(h.submitter, 1, 2000, 10).get(0);
      await().atMost(Duration.ofSeconds(30)).until(() -> h.audit.unfinished(a.id()).contains(short1));
      a.jvm().pause();
      Scenarios.pace(Duration.ofMillis(50));
      a.jvm().resume();
      h.inv.awaitTerminal(List.of(short1), Duration.ofSeconds(30));
      Task t1 = h.observer.get(short1).orElseThrow();
      h.verdict.check(
          t1.status() == TaskStatus.COMPLETED && t1.attempts().current() == 1,
          "I7",
          "a 50 ms pause cost task " + short1 + " its lease: " + Invariants.describe(t1));

      TaskId t = Scenarios.submit(h.submitter, 1, i -> Map.of("ms", 7000, "rows", 10, "zombie", true)).get(0);
      await().atMost(Duration.ofSeconds(30)).until(() -> h.audit.unfinished(a.id()).contains(t));
      Cluster.Worker b = h.cluster.start("b", Map.of("workers", "1"));
      Instant pausedAt = Instant.now();
      a.jvm().pause();
      await()
          .atMost(Timing.assertedBound().plus(Duration.ofSeconds(5)))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> h.audit.invocations().stream().anyMatch(i -> i.taskId().equals(t) && i.worker().equals(b.id())));
      Duration takeover = Duration.between(pausedAt, Instant.now());
      run.recovery(takeover);
      run.inFlightOnKilled += 1;
      h.verdict.check(
          takeover.compareTo(Timing.assertedBound()) <= 0,
          "I4",
          "B took T over " + takeover.toMillis() + " ms after A froze, over "
              + Timing.assertedBound().toMillis() + " ms");
      Duration pause = Timing.LEASE.multipliedBy(2);
      Duration left = pause.minus(Duration.between(pausedAt, Instant.now()));
      if (!left.isNegative()) {
        Scenarios.pace(left);
      }
      a.jvm().resume();
      h.inv.awaitTerminal(List.of(t), Duration.ofSeconds(60));
      Task done = h.observer.get(t).orElseThrow();
      h.verdict.check(
          done.status() == TaskStatus.COMPLETED && done.attempts().current() == 2,
          "I5",
          "T should be COMPLETED by B's attempt 2 after A's writes were rejected: " + Invariants.describe(done));
      List<Invocation> runs = h.inv.byTask().getOrDefault(t, List.of());
      h.verdict.check(
          runs.stream().anyMatch(i -> i.worker().equals(b.id()) && i.attempt() == 2 && i.end() != null),
          "I5",
          "B's attempt 2 did not finish T: " + runs);
      h.verdict.check(
          runs.stream().noneMatch(i -> i.worker().equals(a.id()) && i.end() != null),
          "zombie",
          "A finished its handler for T after losing the lease: " + runs);
      await("A logs that it lost T's lease after SIGCONT")
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                String log = Files.readString(h.env.dir.resolve(a.id() + ".log"));
                return log.contains("lease lost") || log.contains("lease was lost");
              });
      h.inv.assertCompleted(List.of(short1, t), Set.of(t), 10);
      run.note("50 ms pause: no takeover; " + pause.toMillis() + " ms pause: B took over after "
          + takeover.toMillis() + " ms; A logged the lost lease after SIGCONT");
    }
  }
}
