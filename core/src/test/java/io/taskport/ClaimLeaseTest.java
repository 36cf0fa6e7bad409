package io.taskport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.ManualClock;
import io.taskport.testkit.TsvFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lease runs from the claim, so the time a task takes to get going counts against it. */
class ClaimLeaseTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration BEAT = Duration.ofSeconds(10);
  private static final ManualClock CLOCK = new ManualClock();
  private static final AtomicBoolean SLOW_BINDING = new AtomicBoolean();

  /** Params whose binding takes most of the lease, as a cold handler's first binding may. */
  record Slow(String region) {
    Slow {
      if (SLOW_BINDING.getAndSet(false)) {
        CLOCK.advance(Duration.ofSeconds(25));
      }
    }
  }

  @TempDir Path dir;

  @Test
  void theFirstHeartbeatComesWithinTheLeaseTheClaimTook() throws Exception {
    InMemoryTaskStore store = new InMemoryTaskStore(CLOCK);
    CountDownLatch finish = new CountDownLatch(1);
    ExportHandler<Slow, String> handler =
        ExportHandler.of(
            "slow",
            Slow.class,
            p -> List.of(Column.text("Region", (String s) -> s)),
            (ctx, out) -> finish.await(20, TimeUnit.SECONDS));
    try (TaskManager m =
        TaskManager.builder()
            .store(store)
            .files(new LocalFileStore(dir))
            .clock(CLOCK)
            .format(new TsvFormat())
            .lease(LEASE)
            .heartbeatInterval(BEAT)
            .pollInterval(Duration.ofMillis(20))
            .export(handler)
            .build()) {
      TaskId id =
          m.submit(ExportRequest.of("slow", "ann").format("tsv").params(Map.of("region", "EU")))
              .id();
      Instant claimed = CLOCK.instant();
      SLOW_BINDING.set(true);
      m.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> !SLOW_BINDING.get());
      // 25 s of the 30 s lease went on binding: a heartbeat is due now, not 10 s from now
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                Task t = store.get(id).orElseThrow();
                return t.lease() != null && t.lease().until().isAfter(claimed.plus(LEASE));
              });
      assertThat(store.get(id).orElseThrow().status()).isEqualTo(TaskStatus.RUNNING);
      finish.countDown();
    }
  }
}
