package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.Page;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskQuery;
import io.taskport.TaskStatus;
import io.taskport.store.TaskStore;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.InvocationAudit.Invocation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 10, the store goes away mid-run: the workers reach the server through a TCP proxy
 * that resets every connection and refuses new ones for a while at 30 % progress. Workers stay
 * up, resume within 5 s of the store's return, and every task completes with I1 and I2. On the
 * JDBC stores a fault-injecting DataSource also drops the connection right before and right
 * after the completion UPDATE: the same fenced write is retried, with no second handler run.
 */
class S10StoreOutageIT {
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void storeOutage_workersResumeAndFinishEverything(Backend backend) throws Exception {
    Report.Run run = Report.begin("10 store outage", backend);
    if (!backend.isShared()) {
      run.notApplicable("the in-memory store has no server or connection to lose");
    }
    int tasks = Scale.pick(300, 2000);
    int jvms = Scale.pick(2, 3);
    Duration outage = Scale.LONG ? Duration.ofSeconds(15) : Duration.ofSeconds(5);
    try (Harness h = Harness.openViaProxy(run, backend)) {
      h.cluster.startAll("w", jvms, Map.of("workers", "4"));
      List<TaskId> ids = Scenarios.submit(h.submitter, tasks, 50, 5);
      await().atMost(Duration.ofSeconds(60)).until(() -> completed(h.observer) >= tasks * 3 / 10);
      Set<TaskId> doneBeforeDrop = completedIds(h.observer);
      h.proxy.drop();
      Scenarios.pace(outage);
      long before = completed(h.observer);
      h.proxy.restore();
      Instant restoreAt = Instant.now();
      Duration resumed;
      try {
        await()
            .atMost(Duration.ofSeconds(5).plus(Timing.MARGIN).plus(Duration.ofSeconds(10)))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> completed(h.observer) > before || completed(h.observer) == tasks);
        resumed = Duration.between(restoreAt, Instant.now());
      } catch (ConditionTimeoutException e) {
        resumed = Duration.between(restoreAt, Instant.now());
      }
      run.recovery(resumed);
      run.note("outage of " + outage.toMillis() + " ms at 30 %; first completion "
          + resumed.toMillis() + " ms after the store returned");
      h.verdict.check(
          resumed.compareTo(Duration.ofSeconds(5).plus(Timing.MARGIN)) <= 0,
          "reconnect",
          "workers resumed " + resumed.toMillis() + " ms after the store returned, over 5 s plus margin");
      h.verdict.check(
          h.cluster.alive().size() == jvms, "workers up", "workers died in the outage: " + h.cluster.alive());
      h.inv.awaitTerminal(ids, Duration.ofSeconds(Scale.pick(90, 600)));
      Set<TaskId> mayRerun = new HashSet<>();
      for (Invocation i : h.audit.invocations()) {
        if (i.start().isBefore(restoreAt) && !doneBeforeDrop.contains(i.taskId())) {
          mayRerun.add(i.taskId());
        }
      }
      run.inFlightOnKilled += mayRerun.size();
      h.inv.assertCompleted(ids, mayRerun, 5);
      run.note(h.proxy.connectionsAccepted() + " connections through the proxy");
      h.cluster.stopAll();
      if (backend.isJdbc()) {
        completionWriteDropped(h.env, h.audit, h.inv, run, h.verdict);
      } else {
        run.note("the drop-around-completion variant needs a JDBC DataSource; Redis gets the proxy"
            + " outage only");
      }
    }
  }

  /** The DataSource drops the connection before, then after, completion UPDATEs. */
  private static void completionWriteDropped(
      StoreEnv env, InvocationAudit audit, Invariants inv, Report.Run run, Verdict verdict) {
    FaultyDataSource faulty = new FaultyDataSource(env.dataSource(env.backend.url(), 4));
    TaskStore store = env.jdbcStore(faulty);
    try (TaskManager node = Nodes.worker(store, env.files, audit, "faulty").workers(2).build();
        TaskManager submitter = Nodes.submitter(env.store(), env.files, audit)) {
      faulty.dropBeforeCompletion(3);
      faulty.dropAfterCompletion(3);
      node.start();
      List<TaskId> ids = Scenarios.submit(submitter, 12, i -> Map.of("ms", 20, "rows", 5, "variant", true));
      inv.awaitTerminal(ids, Duration.ofSeconds(60));
      run.note("completion UPDATE dropped " + faulty.fired() + " times (3 before, 3 after it ran)");
      verdict.check(faulty.fired() == 6, "setup", "only " + faulty.fired() + " of 6 faults fired");
      inv.assertCompleted(ids, Set.of(), 5);
      inv.assertFaultFree(ids);
    }
  }

  private static long completed(TaskStore store) {
    return completedIds(store).size();
  }

  private static Set<TaskId> completedIds(TaskStore store) {
    TaskQuery q =
        TaskQuery.of(Invariants.OWNER).status(TaskStatus.COMPLETED).limit(TaskQuery.MAX_LIMIT);
    Set<TaskId> ids = new HashSet<>();
    Page<Task> page = store.list(q);
    while (true) {
      page.items().forEach(t -> ids.add(t.id()));
      if (!page.hasNext()) {
        return ids;
      }
      page = store.list(q.after(page.next()));
    }
  }
}
