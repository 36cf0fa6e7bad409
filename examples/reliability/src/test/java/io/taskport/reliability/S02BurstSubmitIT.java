package io.taskport.reliability;

import io.taskport.Task;
import io.taskport.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 2, a burst of submissions at about 2 000/s while workers claim: nothing is lost, every
 * task runs once, and on Redis the hot path sends no {@code KEYS} or {@code SCAN} (counted by the
 * proxy the workers talk through). Queue waits are reported, not asserted.
 */
class S02BurstSubmitIT {
  private static final int RATE_PER_SECOND = 2000;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void burstSubmit_losesNothing(Backend backend) throws Exception {
    Report.Run run = Report.begin("2 burst submit", backend);
    int tasks = Scale.pick(300, 50_000);
    try (Harness h = Harness.openViaProxy(run, backend)) {
      if (backend.isShared()) {
        h.cluster.startAll("w", 2, Map.of("workers", "4"));
      } else {
        h.localNode("w1", 4);
        h.localNode("w2", 4);
      }
      Instant t0 = Instant.now();
      List<TaskId> ids = new ArrayList<>(tasks);
      for (int sent = 0; sent < tasks; sent += 100) {
        int batch = Math.min(100, tasks - sent);
        int from = sent;
        ids.addAll(
            Scenarios.submit(h.submitter, batch, i -> Map.of("ms", 0, "rows", 1, "n", from + i)));
        Duration due = Duration.ofMillis((sent + batch) * 1000L / RATE_PER_SECOND);
        Duration ahead = due.minus(Duration.between(t0, Instant.now()));
        if (!ahead.isNegative()) {
          Scenarios.pace(ahead);
        }
      }
      Duration burst = Duration.between(t0, Instant.now());
      h.inv.awaitTerminal(ids, Duration.ofSeconds(Scale.pick(120, 1200)));
      Duration all = Duration.between(t0, Instant.now());
      h.inv.assertCompleted(ids, Set.of(), 1);
      h.inv.assertFaultFree(ids);
      List<Long> waits = new ArrayList<>();
      for (TaskId id : ids) {
        Task t = h.observer.get(id).orElseThrow();
        if (t.startedAt() != null) {
          waits.add(Duration.between(t.createdAt(), t.startedAt()).toMillis());
        }
      }
      waits.sort(null);
      long p99 =
          waits.isEmpty() ? 0 : waits.get((int) Math.min(waits.size() - 1, waits.size() * 99L / 100));
      run.note(tasks + " tasks submitted in " + burst.toMillis() + " ms, all done after "
          + all.toMillis() + " ms; queue wait p99 " + p99 + " ms (reported, not asserted)");
      if (h.proxy != null && backend == Backend.REDIS) {
        long scans = h.proxy.keysOrScanCommands();
        run.note("KEYS/SCAN commands from the workers: " + scans);
        h.verdict.check(scans == 0, "claim cost", "workers sent " + scans + " KEYS/SCAN commands");
      } else if (backend.isJdbc()) {
        run.note("EXPLAIN of the claim statement: checked by jdbc-store's ClaimPlanIT over 20,000"
            + " queued tasks");
      }
    }
  }
}
