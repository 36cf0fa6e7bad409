package io.taskport.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.ExportRequest;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.store.InMemoryTaskStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The usage example of the README, kept here so that it compiles and works. */
class ReadmeExampleTest {
  @TempDir Path dir;

  record Filter(String region) {}

  record Account(String name, long balance) {}

  @Test
  void readmeExample_runsAnExport() throws Exception {
    // --- README example starts
    ExportHandler<Filter, Account> accounts =
        ExportHandler.of(
            "accounts",
            Filter.class,
            filter -> List.of(Column.text("Name", Account::name), Column.integer("Balance", Account::balance)),
            (ctx, out) ->
                IntStream.range(0, 1000)
                    .mapToObj(i -> new Account(ctx.params().region() + "-" + i, i))
                    .forEach(out::write));

    try (TaskManager tasks =
        TaskManager.builder()
            .store(new InMemoryTaskStore())
            .files(new LocalFileStore(dir))
            .export(accounts)
            .build()) {
      tasks.start();
      Submission s =
          tasks.submit(ExportRequest.of("accounts", "ann").format("xlsx").params(Map.of("region", "EU")));
      Task t = tasks.get(s.id(), "ann"); // PENDING or RUNNING: poll it, or tasks.subscribe(...)
      // --- README example ends
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!t.isTerminal() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
        t = tasks.get(s.id(), "ann");
      }
      assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
      try (InputStream in = tasks.openResult(s.id(), "ann")) {
        assertThat(in.readNBytes(2)).containsExactly('P', 'K');
      }
    }
  }
}
