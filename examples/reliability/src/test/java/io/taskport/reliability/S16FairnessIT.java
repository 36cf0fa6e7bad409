package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskQuery;
import io.taskport.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 16, fair claiming: after 8 short warm-up tasks, one owner submits a backlog of 200 ms
 * exports, then, once 8 of them run, 20 other owners submit one export each, on 2 nodes of 4
 * workers with fair claiming on. Nothing is lost or run twice, and the light owners do not queue
 * behind the backlog: while a light task waits, the heavy owner starts at most {@value
 * #HEAVY_AHEAD} tasks (one for the turn the light task shares with it, one for a claim in flight
 * while it was submitted); in plain due order it would start almost all of its backlog. The bound
 * is asserted in claim order, by the store's timestamps; the waits in milliseconds are reported,
 * as speeds are in this suite.
 */
class S16FairnessIT {
  static final int HEAVY_AHEAD = 2;
  private static final int NODES = 2;
  private static final int WORKERS = 4;
  private static final int LIGHT = 20;
  private static final long TASK_MS = 200;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void fairClaiming_lightOwnersDoNotQueueBehindABacklog(Backend backend) throws Exception {
    Report.Run run = Report.begin("16 fair claiming", backend);
    int heavy = Scale.pick(160, 1_000);
    try (Harness h = Harness.open(run, backend)) {
      if (backend.isShared()) {
        h.cluster.startAll(
            "w", NODES, Map.of("workers", Integer.toString(WORKERS), "fair", "true"));
      } else {
        for (int i = 1; i <= NODES; i++) {
          h.localNode(
              Nodes.worker(h.env.store(), h.env.files, h.audit, "w" + i)
                  .workers(WORKERS)
                  .fairClaiming(true));
        }
      }
      // fresh JVMs can take about the 2 s lease from their first claim to their first handler
      boolean warmed =
          h.inv.awaitTerminal(Scenarios.submit(h.submitter, 8, 50, 1), Duration.ofSeconds(60));
      h.verdict.check(warmed, "warm-up", "the warm-up tasks did not finish within 60 s");
      List<TaskId> ids =
          new ArrayList<>(
              Scenarios.submit(
                  h.submitter,
                  Handlers.AUDITED,
                  Invariants.OWNER,
                  heavy,
                  i -> Map.of("ms", TASK_MS, "rows", 1)));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  h.submitter
                          .list(TaskQuery.of(Invariants.OWNER).status(TaskStatus.RUNNING))
                          .items()
                          .size()
                      >= NODES * WORKERS);
      List<TaskId> light = new ArrayList<>();
      for (int i = 1; i <= LIGHT; i++) {
        light.addAll(
            Scenarios.submit(
                h.submitter,
                Handlers.AUDITED,
                "light" + i,
                1,
                x -> Map.of("ms", TASK_MS, "rows", 1)));
      }
      ids.addAll(light);
      boolean settled = h.inv.awaitTerminal(ids, Duration.ofMinutes(Scale.pick(2, 10)));
      h.inv.assertCompleted(ids, Set.of(), 1);
      h.inv.assertFaultFree(ids);
      assertFair(h, ids, light, settled);
    }
  }

  private static void assertFair(Harness h, List<TaskId> ids, List<TaskId> light, boolean settled) {
    List<Instant> heavyStarts = new ArrayList<>();
    List<Task> lights = new ArrayList<>();
    for (TaskId id : ids) {
      Task t = h.observer.get(id).orElse(null);
      if (t == null || t.startedAt() == null) {
        continue; // reported as lost by assertCompleted
      }
      if (light.contains(id)) {
        lights.add(t);
      } else {
        heavyStarts.add(t.startedAt());
      }
    }
    long[] waits = new long[lights.size()];
    int worst = 0;
    for (int i = 0; i < lights.size(); i++) {
      Task t = lights.get(i);
      waits[i] = Duration.between(t.createdAt(), t.startedAt()).toMillis();
      int ahead =
          (int)
              heavyStarts.stream()
                  .filter(s -> s.isAfter(t.createdAt()) && s.isBefore(t.startedAt()))
                  .count();
      worst = Math.max(worst, ahead);
      h.verdict.check(
          ahead <= HEAVY_AHEAD,
          "fairness",
          "light task " + t.id() + " of " + t.owner() + " waited " + waits[i] + " ms while the"
              + " heavy owner started " + ahead + " tasks (at most " + HEAVY_AHEAD + ")");
    }
    java.util.Arrays.sort(waits);
    long p50 = percentile(waits, 50);
    long p99 = percentile(waits, 99);
    h.run.note(
        String.format(
            java.util.Locale.ROOT,
            "%d + %d tasks of %d ms on %d nodes x %d workers, fair claiming; light owners' wait"
                + " p50 %d ms, p99 %d ms (%.1f / %.1f task durations; 20 tasks on 8 busy workers"
                + " need 3 waves); at most %d heavy starts while a light task waited; settled: %b",
            ids.size() - light.size(),
            light.size(),
            TASK_MS,
            NODES,
            WORKERS,
            p50,
            p99,
            p50 / (double) TASK_MS,
            p99 / (double) TASK_MS,
            worst,
            settled));
  }

  private static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(sorted.length * p / 100.0) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
