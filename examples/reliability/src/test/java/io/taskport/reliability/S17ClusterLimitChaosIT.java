package io.taskport.reliability;

import io.taskport.TaskId;
import io.taskport.testkit.InvocationAudit.Invocation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 17, a cluster-wide type limit under SIGKILL chaos: every worker JVM runs with {@code
 * clusterTypeLimit("limited", 2)}, among exports of an unlimited type, while every 2 s a worker is
 * killed (one that runs a limited task, when one does) and replaced 1 s later. An observer counts
 * the RUNNING tasks of the limited type throughout and never sees more than 2, and no two finished
 * handler runs of it overlap with a third in the audit. The slots of killed workers come back by
 * lease recovery: every task completes, within I4.
 */
class S17ClusterLimitChaosIT {
  private static final int LIMIT = 2;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void clusterTypeLimit_holdsThroughSigkills(Backend backend) throws Exception {
    Report.Run run = Report.begin("17 type limit, SIGKILL chaos", backend);
    if (!backend.isShared()) {
      run.notApplicable("SIGKILL of another JVM needs a store shared by JVMs; the in-memory store"
          + " lives in one JVM");
    }
    int limited = Scale.pick(40, 1_000);
    int other = Scale.pick(120, 5_000);
    int jvms = Scale.pick(2, 3);
    Duration chaos = Scale.LONG ? Duration.ofMinutes(3) : Duration.ofSeconds(8);
    Map<String, String> props =
        Map.of("workers", "4", "cluster.limits", Handlers.LIMITED + ":" + LIMIT);
    Random random = new Random(17);
    try (Harness h = Harness.open(run, backend);
        RunningSampler sampler =
            RunningSampler.start(backend, h.env, h.observer, Handlers.LIMITED, LIMIT)) {
      h.cluster.startAll("w", jvms, props);
      // a fresh worker JVM on a loaded 2-core machine can take about the 2 s lease to get from
      // its first claim to its first handler: warm the JVMs up first, so that the limited tasks
      // are not their first
      List<TaskId> warm = Scenarios.submit(h.submitter, 4 * jvms, 50, 1);
      boolean warmed = h.inv.awaitTerminal(warm, Duration.ofSeconds(60));
      List<TaskId> capped =
          Scenarios.submit(
              h.submitter,
              Handlers.LIMITED,
              Invariants.OWNER,
              limited,
              i -> Map.of("ms", 100 + random.nextInt(201), "rows", 20));
      List<TaskId> ids = new ArrayList<>(capped);
      ids.addAll(
          Scenarios.submit(
              h.submitter, other, i -> Map.of("ms", 50 + random.nextInt(451), "rows", 20)));
      Instant end = Instant.now().plus(chaos);
      int kills = 0;
      while (Instant.now().isBefore(end)) {
        Scenarios.pace(Duration.ofSeconds(1));
        h.cluster.kill(target(h, Set.copyOf(capped), random));
        kills++;
        Scenarios.pace(Duration.ofSeconds(1));
        h.cluster.start("w", props);
      }
      boolean settled =
          h.inv.awaitTerminal(ids, Scale.LONG ? Duration.ofMinutes(15) : Duration.ofSeconds(120));
      Set<TaskId> killedLimited = new HashSet<>(h.cluster.killedInFlight());
      killedLimited.retainAll(capped);
      int overlap = mostOverlapping(h, Set.copyOf(capped));
      run.note(
          kills + " SIGKILLs over " + chaos.toSeconds() + " s, " + jvms + " worker JVMs x 4"
              + " threads, " + limited + " tasks of 100-300 ms limited to " + LIMIT
              + " across the cluster and " + other + " unlimited; " + killedLimited.size()
              + " limited tasks were in flight on a killed worker; observer: " + sampler.samples()
              + " samples, at most " + sampler.max() + " RUNNING, " + sampler.samplesAtLimit()
              + " at the limit, " + sampler.failures() + " failed reads; at most " + overlap
              + " finished handler runs at once; settled: " + settled + " (after " + warm.size()
              + " warm-up tasks, terminal: " + warmed + ")");
      h.verdict.check(
          sampler.max() <= LIMIT,
          "cluster limit",
          "the observer saw " + sampler.max() + " RUNNING tasks of " + Handlers.LIMITED
              + ", limit " + LIMIT);
      h.verdict.check(
          overlap <= LIMIT,
          "cluster limit",
          overlap + " finished handler runs of " + Handlers.LIMITED + " overlapped, limit "
              + LIMIT);
      h.verdict.check(
          !killedLimited.isEmpty(),
          "chaos",
          "no limited task was in flight on a killed worker: no slot had to come back");
      h.verdict.check(
          sampler.samplesAtLimit() > 0,
          "observer",
          "no sample saw " + LIMIT + " RUNNING tasks of " + Handlers.LIMITED + " in "
              + sampler.samples() + " samples: the limit was never reached");
      h.inv.assertCompleted(ids, h.cluster.killedInFlight(), 20);
      Scenarios.assertRecoveries(h.cluster, run, h.verdict);
    }
  }

  /**
   * A worker whose handler runs a limited task (by the audit), so that its slot must come back;
   * else any live one.
   */
  private static Cluster.Worker target(Harness h, Set<TaskId> limited, Random random) {
    List<Cluster.Worker> alive = h.cluster.alive();
    List<Cluster.Worker> holding =
        alive.stream()
            .filter(w -> h.audit.unfinished(w.id()).stream().anyMatch(limited::contains))
            .toList();
    List<Cluster.Worker> from = holding.isEmpty() ? alive : holding;
    return from.get(random.nextInt(from.size()));
  }

  /**
   * The most handler runs of these tasks that the audit shows at once, counting runs that
   * finished; a run on a killed worker has no end and is left out.
   */
  private static int mostOverlapping(Harness h, Set<TaskId> tasks) {
    List<long[]> edges = new ArrayList<>();
    for (Invocation i : h.audit.invocations()) {
      if (tasks.contains(i.taskId()) && i.end() != null) {
        edges.add(new long[] {toMicros(i.start()), 1});
        edges.add(new long[] {toMicros(i.end()), -1});
      }
    }
    // an end and a start at the same instant do not overlap: ends sort first
    edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int now = 0;
    int most = 0;
    for (long[] e : edges) {
      now += (int) e[1];
      most = Math.max(most, now);
    }
    return most;
  }

  private static long toMicros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
  }
}
