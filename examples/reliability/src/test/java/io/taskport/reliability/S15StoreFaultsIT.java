package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.testkit.FaultyTaskStore;
import io.taskport.testkit.StoreFaults.Call;
import io.taskport.testkit.StoreFaults.Fault;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 15, the store fails the engine on cue: a node whose completions cannot be written, a
 * node whose heartbeat throws an Error, and a node whose hand-backs fail while it closes. Every
 * task still completes once with one file (I1, I2), none stays RUNNING past the I4 bound after
 * its end could not be written, the heartbeat loop outlives the Error (no lease expiry), and
 * close() returns within the drain timeout plus 2 s.
 */
class S15StoreFaultsIT {
  private static final Duration DRAIN = Duration.ofMillis(200);

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void storeFaults_breakNoPromise(Backend backend) throws Exception {
    Report.Run run = Report.begin("15 store faults on cue", backend);
    try (Harness h = Harness.open(run, backend)) {
      Set<TaskId> mayRerun = new HashSet<>();

      // 1. completions fail: the ends are given up, the leases expire, another node finishes
      FaultyTaskStore noEnds = new FaultyTaskStore(h.env.store());
      noEnds.faults().always(Call.COMPLETE, Fault.EXCEPTION);
      TaskManager a = h.localNode(Nodes.worker(noEnds, h.env.files, h.audit, "no-ends").workers(2));
      List<TaskId> unwritten = Scenarios.submit(h.submitter, 2, 50, 5);
      await().atMost(Duration.ofSeconds(30)).until(() -> noEnds.faults().hits(Call.COMPLETE) >= 10);
      a.close();
      mayRerun.addAll(unwritten);
      long start = System.nanoTime();
      TaskManager healthy = h.localNode("healthy", 2);
      h.inv.awaitTerminal(unwritten, Timing.assertedBound().plus(Duration.ofSeconds(20)));
      run.recovery(Duration.ofNanos(System.nanoTime() - start));
      healthy.close(); // each case below runs on its faulty node alone
      run.note("completion writes failing: " + noEnds.faults().hits(Call.COMPLETE)
          + " refused writes; both tasks recovered by lease expiry and completed elsewhere");

      // 2. an Error from one heartbeat: the loop goes on, the lease never runs out
      FaultyTaskStore oneError = new FaultyTaskStore(h.env.store());
      oneError.faults().cue(Call.HEARTBEAT, Fault.ERROR, 1);
      TaskManager b = h.localNode(Nodes.worker(oneError, h.env.files, h.audit, "one-error").workers(1));
      List<TaskId> beaten =
          Scenarios.submit(h.submitter, 1, Timing.LEASE.multipliedBy(2).toMillis(), 5);
      h.inv.awaitTerminal(beaten, Duration.ofSeconds(60));
      h.inv.assertNoLeaseExpiry(beaten);
      run.note("an Error in a heartbeat (" + oneError.faults().hits(Call.HEARTBEAT)
          + " raised): the task kept its lease for " + Timing.LEASE.multipliedBy(2).toMillis()
          + " ms of work");
      b.close();

      // 3. hand-backs fail during close(): it still returns in time and stops its handlers
      FaultyTaskStore noRelease = new FaultyTaskStore(h.env.store());
      noRelease.faults().always(Call.RELEASE, Fault.EXCEPTION);
      TaskManager closing =
          Nodes.worker(noRelease, h.env.files, h.audit, "closing").workers(2).drainTimeout(DRAIN).build();
      closing.start();
      List<TaskId> handed =
          Scenarios.submit(h.submitter, 2, i -> Map.of("ms", 30_000, "rerunMs", 100, "rows", 5));
      await().atMost(Duration.ofSeconds(30)).until(() -> h.audit.unfinished("closing").size() == 2);
      long t0 = System.nanoTime();
      closing.close();
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      mayRerun.addAll(handed);
      run.note("close() with every hand-back failing took " + took.toMillis() + " ms (drain "
          + DRAIN.toMillis() + " ms)");
      h.verdict.check(
          took.compareTo(DRAIN.plus(Duration.ofSeconds(2)).plus(Timing.MARGIN)) < 0,
          "shutdown",
          "close() took " + took.toMillis() + " ms with the store refusing hand-backs");
      h.localNode("rescuer", 2);
      h.inv.awaitTerminal(handed, Duration.ofSeconds(60));

      List<TaskId> all = new java.util.ArrayList<>(unwritten);
      all.addAll(beaten);
      all.addAll(handed);
      h.inv.assertCompleted(all, mayRerun, 5);
      Scenarios.assertRecoveries(h.cluster, run, h.verdict);
    }
  }
}
