package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 7, recovery without restart: worker A is killed while it holds 10 leases; the running
 * workers B and C re-lease all 10 within {@code lease + sweep} (plus margin), and a worker D
 * started during recovery takes none of B's or C's live tasks.
 */
class S07RecoveryWithoutRestartIT {
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void killedWorker_isRecoveredByTheOthers(Backend backend) throws Exception {
    Report.Run run = Report.begin("7 recovery without restart", backend);
    if (!backend.isShared()) {
      run.notApplicable("killing worker A needs workers in other JVMs sharing the store");
    }
    try (Harness h = Harness.open(run, backend)) {
      Cluster.Worker a = h.cluster.start("a", Map.of("workers", "10"));
      List<TaskId> held = Scenarios.submit(h.submitter, 10, i -> Map.of("ms", 20_000, "rerunMs", 500, "rows", 10));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> h.audit.unfinished(a.id()).size() == 10);
      List<Cluster.Worker> bc = h.cluster.startAll("bc", 2, Map.of("workers", "2"));
      List<TaskId> live =
          Scenarios.submit(h.submitter, 2, i -> Map.of("ms", 6000, "rows", 10, "live", true));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> live.stream().allMatch(id -> h.inv.byTask().containsKey(id)));
      Set<TaskId> inFlight = h.cluster.kill(a);
      h.verdict.check(
          inFlight.containsAll(held), "setup", "A held " + inFlight + ", not all of " + held);
      h.cluster.start("d", Map.of("workers", "4"));
      List<TaskId> all = new ArrayList<>(held);
      all.addAll(live);
      h.inv.awaitTerminal(all, Duration.ofSeconds(90));
      h.inv.assertCompleted(all, inFlight, 10);
      h.inv.assertFaultFree(live);
      run.note("B and C: " + bc.stream().map(Cluster.Worker::id).toList()
          + "; re-lease of A's tasks after (ms): "
          + h.cluster.recoveries().stream().map(Duration::toMillis).sorted().toList());
      Duration bound = Timing.LEASE.plus(Timing.SWEEP).plus(Timing.MARGIN);
      h.verdict.check(
          h.cluster.longestRecovery().compareTo(bound) <= 0 && h.cluster.unrecovered().isEmpty(),
          "recovery",
          "A's tasks were re-leased after " + h.cluster.longestRecovery().toMillis()
              + " ms, over lease + sweep (" + Timing.LEASE.plus(Timing.SWEEP).toMillis()
              + " ms) plus margin");
      run.note("sweeps per interval: not measured; every node sweeps, each recovery is one"
          + " atomic fenced step per task (no distributed sweep guard)");
      Scenarios.assertRecoveries(h.cluster, run, h.verdict);
    }
  }
}
