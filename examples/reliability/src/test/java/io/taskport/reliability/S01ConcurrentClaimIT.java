package io.taskport.reliability;

import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.store.TaskStore;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.InvocationAudit.Invocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    backend.requireReachable();
    int tasks = Scale.pick(300, 10_000);
    int nodes = Scale.pick(2, 3);
    int threads = Scale.pick(4, 8);
    Verdict verdict = new Verdict();
    try (StoreEnv env = new StoreEnv(backend)) {
      InvocationAudit audit = new InvocationAudit(env.auditFile);
      TaskStore observer = env.store();
      Invariants inv = new Invariants(run, verdict, observer, env.files, audit);
      List<TaskManager> local = new ArrayList<>();
      try (TaskManager submitter = Nodes.submitter(observer, env.files, audit);
          Cluster cluster = new Cluster(env, backend.url(), observer, audit, run)) {
        if (backend.isShared()) {
          cluster.startAll("w", nodes, Map.of("workers", Integer.toString(threads)));
        } else {
          run.note("in-memory: " + nodes + " nodes in one JVM on one store");
          for (int i = 1; i <= nodes; i++) {
            TaskManager m = Nodes.worker(observer, env.files, audit, "w" + i).workers(threads).build();
            local.add(m);
            m.start();
          }
        }
        Instant t0 = Instant.now();
        List<TaskId> ids = Scenarios.submit(submitter, tasks, 5, 5);
        boolean settled = inv.awaitTerminal(ids, Duration.ofMinutes(Scale.pick(2, 10)));
        run.note(
            tasks + " tasks on " + nodes + " nodes x " + threads + " threads; all terminal after "
                + Duration.between(t0, Instant.now()).toMillis() + " ms (settled: " + settled + ")");
        inv.assertCompleted(ids, java.util.Set.of(), 5);
        inv.assertFaultFree(ids);
        inv.assertIsolation(submitter, ids);
        Map<String, Integer> perWorker = new HashMap<>();
        for (Invocation i : audit.invocations()) {
          perWorker.merge(i.worker(), 1, Integer::sum);
        }
        run.note("runs per worker: " + perWorker);
        verdict.check(perWorker.size() == nodes, "starvation", "only " + perWorker.keySet() + " ran tasks");
        for (Map.Entry<String, Integer> e : perWorker.entrySet()) {
          verdict.check(
              e.getValue() >= tasks * 15 / 100,
              "starvation",
              e.getKey() + " ran " + e.getValue() + " of " + tasks + " tasks, under 15 %");
        }
      } finally {
        local.forEach(TaskManager::close);
      }
    }
    verdict.assertNone();
  }
}
