package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.testkit.FaultyTaskStore;
import io.taskport.testkit.InvocationAudit.Invocation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 3, a long handler under CPU load: a task that spins every core for 3 x lease keeps its
 * lease (one run, one attempt) while another node polls for expired leases, because heartbeats
 * come from the housekeeper thread. When the node's heartbeats are made to fail, the SDK must stop
 * the handler before the lease it last renewed can run out at the store.
 */
class S03LongHandlerIT {
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void longHandler_keepsItsLeaseAndStopsWhenItCannotRenew(Backend backend) throws Exception {
    Report.Run run = Report.begin("3 long handler, CPU load", backend);
    Duration work = Scale.LONG ? Duration.ofSeconds(30) : Timing.LEASE.multipliedBy(3);
    try (Harness h = Harness.open(run, backend)) {
      TaskManager busy = h.localNode("busy", 1);
      TaskId cpu =
          Scenarios.submit(
                  h.submitter, 1, i -> Map.of("ms", work.toMillis(), "rows", 5, "cpu", true))
              .get(0);
      await().atMost(Duration.ofSeconds(20)).until(() -> h.audit.unfinished("busy").contains(cpu));
      TaskManager poller = h.localNode("poller", 1);
      h.inv.awaitTerminal(List.of(cpu), work.plus(Duration.ofSeconds(60)));
      h.inv.assertCompleted(List.of(cpu), Set.of(), 5);
      h.inv.assertFaultFree(List.of(cpu));
      run.note("a " + work.toMillis() + " ms CPU-bound task on every core kept its lease");
      busy.close();
      poller.close();

      FaultyTaskStore faulty = new FaultyTaskStore(h.env.store());
      h.localNode(Nodes.worker(faulty, h.env.files, h.audit, "cut").workers(1));
      TaskId t =
          Scenarios.submit(h.submitter, 1, i -> Map.of("ms", 4000, "rows", 5, "cut", true)).get(0);
      await().atMost(Duration.ofSeconds(20)).until(() -> h.audit.unfinished("cut").contains(t));
      faulty.failClaims(true);
      faulty.failHeartbeats(true);
      int beats = faulty.heartbeats();
      // the housekeeper beats on one thread: once a failing beat was tried, none is in flight
      await().atMost(Duration.ofSeconds(5)).until(() -> faulty.heartbeats() > beats);
      Instant leaseEnd = h.observer.get(t).orElseThrow().lease().until();
      h.localNode("taker", 1);
      try {
        await()
            .atMost(Timing.LEASE.plus(Timing.MARGIN))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> Handlers.STOPPED.containsKey(t));
      } catch (ConditionTimeoutException e) {
        h.verdict.check(false, "I4/I5", "the handler never stopped after its heartbeats failed");
      }
      Instant stopped = Handlers.STOPPED.getOrDefault(t, Instant.now());
      long late = Duration.between(leaseEnd, stopped).toMillis();
      run.note("heartbeats cut: the handler stopped " + Math.abs(late) + " ms "
          + (late < 0 ? "before" : "after") + " the lease it last renewed ended at the store");
      h.verdict.check(
          stopped.isBefore(leaseEnd),
          "I4/I5",
          "with its heartbeats failing, the handler ran on " + late + " ms past the end of the"
              + " lease it last renewed (" + leaseEnd + "), so another node may run the task"
              + " meanwhile; the SDK should stop it before the lease ends");
      h.inv.awaitTerminal(List.of(t), Duration.ofSeconds(60));
      run.note("after the cut: " + Invariants.describe(h.observer.get(t).orElseThrow()));
      h.inv.assertCompleted(List.of(t), Set.of(t), 5);
      Instant stoppedCut = Handlers.STOPPED.get(t);
      for (Invocation r : h.inv.byTask().getOrDefault(t, List.of())) {
        if (r.worker().equals("taker") && stoppedCut != null) {
          h.verdict.check(
              !r.start().isBefore(stoppedCut),
              "I5",
              "task " + t + " started on another node at " + r.start()
                  + " while the cut-off node still ran it (until " + stoppedCut + ")");
        }
      }
    }
  }
}
