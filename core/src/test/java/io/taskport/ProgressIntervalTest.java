package io.taskport;

import static io.taskport.Fixtures.account;
import static io.taskport.Fixtures.export;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskport.file.LocalFileStore;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.ManualClock;
import io.taskport.testkit.TsvFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressIntervalTest {
  @TempDir Path dir;
  private final ManualClock clock = new ManualClock();
  private final InMemoryTaskStore store = new InMemoryTaskStore(clock);

  @Test
  void progressIsSavedAsOftenAsTheIntervalSays() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch wrote = new CountDownLatch(1);
    try (TaskManager m =
        TaskManager.builder()
            .store(store)
            .files(new LocalFileStore(dir))
            .clock(clock)
            .format(new TsvFormat())
            .progressInterval(Duration.ofMillis(100))
            .export(
                export(
                    "accounts",
                    (ctx, out) -> {
                      for (int i = 0; i < 2000; i++) {
                        out.write(account(i));
                      }
                      wrote.countDown();
                      release.await(20, TimeUnit.SECONDS);
                    }))
            .build()) {
      m.start();
      TaskId id =
          m.submit(
                  ExportRequest.of("accounts", "ann")
                      .format("tsv")
                      .params(Map.of("region", "EU")))
              .id();
      assertThat(wrote.await(20, TimeUnit.SECONDS)).isTrue();
      // a fifth of the default interval: only the shorter setting saves the progress this soon
      clock.advance(Duration.ofMillis(200));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> m.get(id, "ann").progress().done() == 2000);
      release.countDown();
    }
  }

  @Test
  void aNonPositiveIntervalIsRefused() {
    assertThatThrownBy(() -> TaskManager.builder().progressInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("progressInterval must be positive");
  }
}
