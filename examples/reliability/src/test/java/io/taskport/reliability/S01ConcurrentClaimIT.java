package io.taskport.reliability;

import io.taskport.TaskId;
import io.taskport.testkit.InvocationAudit.Invocation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 1, concurrent claiming with no faults: workers that are already polling share tasks
 * submitted from another node. Every task completes with one handler run and one attempt (I7),
 * and no worker starves (each runs at least 15 %).
 */
class S01ConcurrentClaimIT {
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void concurrentClaiming_runsEveryTaskOnce(Backend backend) throws Exception {
    Report.Run run = Report.begin("1 concurrent claiming", backend);
    int tasks = Scale.pick(200, 10_000);
    int nodes = Scale.pick(2, 3);
    int threads = Scale.pick(4, 8);
    try (Harness h = Harness.open(run, backend)) {
      if (backend.isShared()) {
        h.cluster.startAll("w", nodes, Map.of("workers", Integer.toString(threads)));
      } else {
        run.note("in-memory: " + nodes + " nodes in one JVM on one store");
        for (int i = 1; i <= nodes; i++) {
          h.localNode("w" + i, threads);
        }
      }
      Instant t0 = Instant.now();
      List<TaskId> ids = Scenarios.submit(h.submitter, tasks, 5, 5);
      boolean settled = h.inv.awaitTerminal(ids, Duration.ofMinutes(Scale.pick(2, 10)));
      run.note(
          tasks + " tasks on " + nodes + " nodes x " + threads + " threads; all terminal after "
              + Duration.between(t0, Instant.now()).toMillis() + " ms (settled: " + settled + ")");
      h.inv.assertCompleted(ids, Set.of(), 5);
      h.inv.assertFaultFree(ids);
      h.inv.assertIsolation(h.submitter, ids);
      Map<String, Integer> perWorker = new HashMap<>();
      for (Invocation i : h.audit.invocations()) {
        perWorker.merge(i.worker(), 1, Integer::sum);
      }
      run.note("runs per worker: " + perWorker);
      h.verdict.check(
          perWorker.size() == nodes, "starvation", "only " + perWorker.keySet() + " ran tasks");
      for (Map.Entry<String, Integer> e : perWorker.entrySet()) {
        h.verdict.check(
            e.getValue() >= tasks * 15 / 100,
            "starvation",
            e.getKey() + " ran " + e.getValue() + " of " + tasks + " tasks, under 15 %");
      }
    }
  }
}
