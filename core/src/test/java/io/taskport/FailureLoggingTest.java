package io.taskport;

import static io.taskport.Fixtures.export;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.file.LocalFileStore;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.testkit.TsvFormat;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's bad input is an outcome, logged in one line without a stack trace (at INFO, below the
 * tests' WARN level); a handler's failure keeps its stack trace.
 */
class FailureLoggingTest {
  @TempDir Path dir;

  @Test
  void badInputIsLoggedWithoutAStackTraceAndHandlerFailuresWithOne() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (TaskManager m =
        TaskManager.builder()
            .store(new InMemoryTaskStore())
            .files(new LocalFileStore(dir))
            .format(new TsvFormat())
            .maxAttempts(1)
            .pollInterval(Duration.ofMillis(20))
            .export(export("file", (ctx, out) -> {
                  throw new FormatException("row 3 has 2 cells, the header 4");
                }))
            .export(export("limit", (ctx, out) -> {
                  throw new LimitExceededException("rows", 10, 11, null);
                }))
            .export(export("params", (ctx, out) -> {
                  throw new ValidationException("region", "is not a region we serve");
                }))
            .export(export("broken", (ctx, out) -> {
                  throw new IllegalStateException("the handler broke");
                }))
            .build()) {
      m.start();
      for (String type : new String[] {"file", "limit", "params", "broken"}) {
        TaskId id =
            m.submit(ExportRequest.of(type, "ann").format("tsv").params(Map.of("region", "EU")))
                .id();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> m.get(id, "ann").status() == TaskStatus.FAILED);
      }
    } finally {
      System.setErr(err);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("java.lang.IllegalStateException: the handler broke");
    assertThat(log)
        .doesNotContain("FormatException")
        .doesNotContain("LimitExceededException")
        .doesNotContain("ValidationException");
  }
}
