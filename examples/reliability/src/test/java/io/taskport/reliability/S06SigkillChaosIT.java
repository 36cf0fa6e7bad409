package io.taskport.reliability;

import io.taskport.TaskId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 6, SIGKILL chaos: worker JVMs run exports of 50 to 500 ms while one random worker is
 * killed every 2 s and replaced 1 s later. Every task completes exactly once with one published
 * file; only tasks in flight on a killed worker run twice; recovery stays within I4.
 */
class S06SigkillChaosIT {
  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void sigkillChaos_completesEveryTaskOnce(Backend backend) throws Exception {
    Report.Run run = Report.begin("6 SIGKILL chaos", backend);
    if (!backend.isShared()) {
      run.notApplicable("SIGKILL of another JVM needs a store shared by JVMs; the in-memory store"
          + " lives in one JVM");
    }
    int tasks = Scale.pick(200, 10_000);
    int jvms = Scale.pick(2, 3);
    Duration chaos = Scale.LONG ? Duration.ofMinutes(5) : Duration.ofSeconds(6);
    Random random = new Random(6);
    try (Harness h = Harness.open(run, backend)) {
      h.cluster.startAll("w", jvms, Map.of("workers", "4"));
      List<TaskId> ids =
          Scenarios.submit(
              h.submitter, tasks, i -> Map.of("ms", 50 + random.nextInt(451), "rows", 20));
      Instant end = Instant.now().plus(chaos);
      int kills = 0;
      while (Instant.now().isBefore(end)) {
        Scenarios.pace(Duration.ofSeconds(1));
        List<Cluster.Worker> alive = h.cluster.alive();
        h.cluster.kill(alive.get(random.nextInt(alive.size())));
        kills++;
        Scenarios.pace(Duration.ofSeconds(1));
        h.cluster.start("w", Map.of("workers", "4"));
      }
      boolean settled =
          h.inv.awaitTerminal(ids, Scale.LONG ? Duration.ofMinutes(10) : Duration.ofSeconds(90));
      run.note(kills + " SIGKILLs over " + chaos.toSeconds() + " s, " + jvms
          + " worker JVMs x 4 threads, " + tasks + " tasks of 50-500 ms; settled: " + settled);
      h.inv.assertCompleted(ids, h.cluster.killedInFlight(), 20);
      h.inv.assertIsolation(h.submitter, ids);
      Scenarios.assertRecoveries(h.cluster, run, h.verdict);
    }
  }
}
