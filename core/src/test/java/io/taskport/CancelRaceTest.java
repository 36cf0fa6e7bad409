package io.taskport;

import static io.taskport.Fixtures.account;
import static io.taskport.Fixtures.export;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.file.LocalFileStore;
import io.taskport.store.CancelOutcome;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.InvocationAudit;
import io.taskport.testkit.TsvFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancels racing completion: each task ends exactly once, and only completed tasks have files. */
class CancelRaceTest {
  @TempDir Path dir;

  @Test
  void cancelRacingCompletion_endsEachTaskInExactlyOneState() throws Exception {
    InvocationAudit audit = new InvocationAudit();
    Clock clock = Clock.systemUTC();
    InMemoryTaskStore store = new InMemoryTaskStore();
    TaskManager m =
        TaskManager.builder()
            .store(store)
            .files(new LocalFileStore(dir))
            .format(new TsvFormat())
            .workers(4)
            .pollInterval(Duration.ofMillis(5))
            .export(
                export(
                    "accounts",
                    (ctx, out) -> {
                      audit.started(ctx.taskId(), ctx.attempt(), "w", clock.instant());
                      for (int i = 0; i < 50; i++) {
                        out.write(account(i));
                      }
                      audit.ended(ctx.taskId(), ctx.attempt(), "w", clock.instant());
                    }))
            .build();
    m.start();
    try {
      List<TaskId> ids = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        ids.add(m.submit(ExportRequest.of("accounts", "ann").format("tsv").allowDuplicates()).id());
      }
      List<TaskId> order = new ArrayList<>(ids);
      Collections.shuffle(order, new Random(42));
      Map<TaskId, CancelOutcome> outcomes = new ConcurrentHashMap<>();
      for (TaskId id : order) {
        outcomes.put(id, m.cancel(id, "ann"));
      }
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> ids.stream().allMatch(id -> m.get(id, "ann").isTerminal()));
      Map<TaskStatus, Integer> seen = new HashMap<>();
      Map<TaskId, Integer> runs = audit.countByTask();
      for (TaskId id : ids) {
        Task t = m.get(id, "ann");
        seen.merge(t.status(), 1, Integer::sum);
        assertThat(runs.getOrDefault(id, 0)).isLessThanOrEqualTo(1);
        switch (t.status()) {
          case COMPLETED -> {
            assertThat(outcomes.get(id)).isIn(CancelOutcome.ALREADY_FINISHED, CancelOutcome.REQUESTED);
            try (var in = m.openResult(id, "ann")) {
              assertThat(in.readAllBytes()).isNotEmpty();
            }
          }
          case CANCELLED -> {
            assertThat(outcomes.get(id)).isIn(CancelOutcome.CANCELLED, CancelOutcome.REQUESTED);
            assertThat(t.result()).isNull();
            assertThat(filesOf(id)).isZero();
          }
          default -> throw new AssertionError("task " + id + " ended " + t.status());
        }
      }
      assertThat(seen.keySet()).containsOnly(TaskStatus.COMPLETED, TaskStatus.CANCELLED);
    } finally {
      m.close();
    }
  }

  private long filesOf(TaskId id) throws Exception {
    Path d = dir.resolve(id.value());
    if (!Files.exists(d)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(d)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
