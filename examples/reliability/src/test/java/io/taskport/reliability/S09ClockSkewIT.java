package io.taskport.reliability;

import static org.awaitility.Awaitility.await;

import io.taskport.Task;
import io.taskport.TaskId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Scenario 9, clock skew: three workers whose own clocks are off by -60 s, 0 and +60 s (30 x the
 * lease). With no fault nothing expires and nothing runs twice (I7), because leases are judged by
 * the store's clock; a real kill of the +60 s worker is still detected within I4.
 */
class S09ClockSkewIT {
  private static final long[] OFFSETS = {-60_000, 0, 60_000};

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void skewedWorkerClocks_causeNoExpiryAndKillsAreStillDetected(Backend backend) throws Exception {
    Report.Run run = Report.begin("9 clock skew", backend);
    int tasks = Scale.pick(60, 2000);
    try (Harness h = Harness.open(run, backend)) {
      List<Cluster.Worker> workers = new ArrayList<>();
      if (backend.isShared()) {
        // one at a time: three JVMs warming up at once on two cores stall each other
        for (long offset : OFFSETS) {
          workers.add(
              h.cluster.start(
                  "skew", Map.of("workers", "3", "clock.offset.millis", Long.toString(offset))));
        }
      } else {
        for (long offset : OFFSETS) {
          Clock c = Clock.offset(Clock.systemUTC(), Duration.ofMillis(offset));
          h.localNode(
              Nodes.worker(h.observer, h.env.files, h.audit, "skew" + offset).clock(c).workers(3));
        }
      }
      Instant before = Instant.now();
      List<TaskId> ids = Scenarios.submit(h.submitter, tasks, i -> Map.of("ms", 50 + (i % 5) * 100, "rows", 5));
      h.inv.awaitTerminal(ids, Duration.ofSeconds(Scale.pick(90, 600)));
      h.inv.assertCompleted(ids, Set.of(), 5);
      h.inv.assertFaultFree(ids);
      Instant after = Instant.now();
      for (TaskId id : ids.subList(0, Math.min(20, ids.size()))) {
        Task t = h.observer.get(id).orElseThrow();
        h.verdict.check(
            !t.createdAt().isBefore(before.minusSeconds(5)) && !t.finishedAt().isAfter(after.plusSeconds(5)),
            "store time",
            "task " + id + " carries instants from a skewed clock: created " + t.createdAt()
                + ", finished " + t.finishedAt() + ", run between " + before + " and " + after);
      }
      if (backend == Backend.REDIS) {
        checkScriptsUseRedisTime(h.verdict);
      }
      if (backend.isShared()) {
        List<TaskId> more = Scenarios.submit(h.submitter, 9, 3000, 5);
        List<Cluster.Worker> skewed = List.of(workers.get(0), workers.get(2));
        Cluster.Worker busy =
            await("a skewed worker runs one of the long tasks")
                .atMost(Duration.ofSeconds(30))
                .until(
                    () -> skewed.stream().filter(w -> !h.audit.unfinished(w.id()).isEmpty()).findFirst(),
                    java.util.Optional::isPresent)
                .orElseThrow();
        Set<TaskId> held = h.cluster.kill(busy);
        h.inv.awaitTerminal(more, Duration.ofSeconds(60));
        h.inv.assertCompleted(more, held, 5);
        Scenarios.assertRecoveries(h.cluster, run, h.verdict);
        run.note("killed the worker " + busy.id() + " (clock "
            + (busy == workers.get(0) ? "-60 s" : "+60 s") + ") holding " + held.size() + " tasks");
      } else {
        run.note("in-memory: three nodes with skewed clocks in one JVM; the kill part needs a"
            + " worker JVM and does not apply");
      }
      run.note("libfaketime variant: not run (no faketime on this machine's test path)");
    }
  }

  /** The Lua scripts that stamp leases read Redis's clock, never a time passed by the node. */
  private static void checkScriptsUseRedisTime(Verdict verdict) throws IOException {
    for (String name : new String[] {"lib.lua", "claim.lua", "heartbeat.lua", "recover.lua"}) {
      try (InputStream in = io.taskport.redis.RedisTaskStore.class.getResourceAsStream(name)) {
        if (in == null) {
          verdict.check(false, "store time", "script " + name + " not found");
          continue;
        }
        String lua = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        boolean readsTime =
            name.equals("lib.lua") ? lua.contains("redis.call('TIME')") : lua.contains("now_ms()");
        verdict.check(readsTime, "store time", "script " + name + " does not read Redis TIME");
      }
    }
  }
}
