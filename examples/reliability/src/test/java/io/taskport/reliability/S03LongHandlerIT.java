package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.store.TaskStore;
import io.taskport.testkit.FaultyTaskStore;
import io.taskport.testkit.InvocationAudit;
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
    backend.requireReachable();
    Duration work = Scale.LONG ? Duration.ofSeconds(30) : Timing.LEASE.multipliedBy(3);
    Verdict verdict = new Verdict();
    try (StoreEnv env = new StoreEnv(backend)) {
      InvocationAudit audit = new InvocationAudit(env.auditFile);
      TaskStore observer = env.store();
      Invariants inv = new Invariants(run, verdict, observer, env.files, audit);
      FaultyTaskStore faulty = new FaultyTaskStore(env.store());
      try (TaskManager submitter = Nodes.submitter(observer, env.files, audit);
          TaskManager busy = Nodes.worker(env.store(), env.files, audit, "busy").workers(1).build();
          TaskManager poller = Nodes.worker(env.store(), env.files, audit, "poller").workers(1).build();
          TaskManager cut = Nodes.worker(faulty, env.files, audit, "cut").workers(1).build()) {
        busy.start();
        TaskId cpu =
            Scenarios.submit(submitter, 1, i -> Map.of("ms", work.toMillis(), "rows", 5, "cpu", true)).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> audit.unfinished("busy").contains(cpu));
        poller.start();
        inv.awaitTerminal(List.of(cpu), work.plus(Duration.ofSeconds(60)));
        inv.assertCompleted(List.of(cpu), Set.of(), 5);
        inv.assertFaultFree(List.of(cpu));
        run.note("a " + work.toMillis() + " ms CPU-bound task on every core kept its lease");

        poller.close();
        cut.start();
        TaskId t = Scenarios.submit(submitter, 1, i -> Map.of("ms", 8000, "rows", 5, "cut", true)).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> audit.unfinished("cut").contains(t));
        Instant cutAt = Instant.now();
        faulty.failHeartbeats(true);
        try (TaskManager taker = Nodes.worker(env.store(), env.files, audit, "taker").workers(1).build()) {
          taker.start();
          Duration stopped;
          try {
            await()
                .atMost(Timing.LEASE.plus(Timing.MARGIN))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Handlers.STOPPED.containsKey(t));
            stopped = Duration.between(cutAt, Handlers.STOPPED.get(t));
          } catch (ConditionTimeoutException e) {
            stopped = Duration.between(cutAt, Instant.now());
          }
          run.note("heartbeats cut: the handler stopped " + stopped.toMillis()
              + " ms later; the lease renewed last can end " + Timing.LEASE.toMillis()
              + " ms after the cut at the latest");
          verdict.check(
              stopped.compareTo(Timing.LEASE) < 0,
              "I4/I5",
              "with its heartbeats failing, the handler ran on " + stopped.toMillis()
                  + " ms, past the " + Timing.LEASE.toMillis()
                  + " ms lease it last renewed: another node may run the task meanwhile");
          inv.awaitTerminal(List.of(t), Duration.ofSeconds(60));
          Task done = observer.get(t).orElseThrow();
          run.note("after the cut: " + Invariants.describe(done));
          inv.assertCompleted(List.of(t), Set.of(t), 5);
          checkNoOverlap(inv, t, verdict);
        }
      }
    }
    verdict.assertNone();
  }

  private static void checkNoOverlap(Invariants inv, TaskId t, Verdict verdict) {
    var runs = inv.byTask().getOrDefault(t, List.of());
    Instant stoppedCut = Handlers.STOPPED.get(t);
    for (var r : runs) {
      if (r.worker().equals("taker") && stoppedCut != null) {
        verdict.check(
            !r.start().isBefore(stoppedCut),
            "I5",
            "task " + t + " started on another node at " + r.start()
                + " while the cut-off node still ran it (until " + stoppedCut + ")");
      }
    }
  }
}
