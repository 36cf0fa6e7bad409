package io.taskport.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.ExportRequest;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.file.FileStore;
import io.taskport.file.LocalFileStore;
import io.taskport.handler.ExportHandler;
import io.taskport.handler.ImportHandler;
import io.taskport.jdbc.JdbcFileStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;

/**
 * What the auto-configuration refuses at startup, and the file store it picks so that a shared
 * task store never loses files: handlers without formats, a shared store with this node's
 * temporary directory, and the files of a JDBC store through a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupChecksTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TaskportAutoConfiguration.class))
          .withPropertyValues("taskport.jdbc.create-schema=true");

  @TempDir Path dir;

  @Test
  void startup_logsWhatWasRegistered(CapturedOutput output) {
    runner
        .withBean("accounts", ExportHandler.class, () -> TestHandlers.export("accounts"))
        .withBean("people", ImportHandler.class, () -> TestHandlers.importer("people"))
        .run(ctx -> assertThat(ctx).hasNotFailed());
    assertThat(output.getAll())
        .contains("export handlers [accounts], import handlers [people], formats [csv, xls, xlsx]")
        .contains("store InMemoryTaskStore, files LocalFileStore");
  }

  @Test
  void handlersWithoutAnyFormat_failToStart_namingTheModule() {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    // formats come from the excel-writers module through ServiceLoader; hide its service file
    Thread.currentThread()
        .setContextClassLoader(
            new FilteredClassLoader(
                new ClassPathResource("META-INF/services/io.taskport.format.TabularFormat")));
    try {
      runner
          .withBean("accounts", ExportHandler.class, () -> TestHandlers.export("accounts"))
          .run(
              ctx ->
                  assertThat(ctx)
                      .getFailure()
                      .rootCause()
                      .hasMessageContaining("io.taskport:taskport-excel-writers")
                      .hasMessageContaining("[accounts]"));
    } finally {
      Thread.currentThread().setContextClassLoader(before);
    }
  }

  @Test
  void sharedStoreWithoutADirectory_failsToStart_sayingWhatToSet() {
    runner
        .withPropertyValues("taskport.store=redis", "taskport.redis.url=redis://127.0.0.1:1")
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("taskport.files.dir")
                    .hasMessageContaining("JdbcFileStore"));
  }

  @Test
  void jdbcStore_keepsFilesInTheDatabase_unlessADirectoryIsGiven() {
    DataSource ds = h2();
    runner
        .withBean(DataSource.class, () -> ds)
        .run(ctx -> assertThat(ctx.getBean(FileStore.class)).isInstanceOf(JdbcFileStore.class));
    runner
        .withBean(DataSource.class, () -> ds)
        .withPropertyValues("taskport.files.dir=" + dir)
        .run(ctx -> assertThat(ctx.getBean(FileStore.class)).isInstanceOf(LocalFileStore.class));
  }

  @Test
  void aCompletedTasksFile_survivesAGracefulRestart() {
    DataSource ds = h2();
    ApplicationContextRunner node =
        runner
            .withBean(DataSource.class, () -> ds)
            .withBean("names", ExportHandler.class, () -> TestHandlers.export("names"));
    TaskId[] id = new TaskId[1];
    node.run(
        ctx -> {
          TaskManager tasks = ctx.getBean(TaskManager.class);
          id[0] = tasks.submit(ExportRequest.of("names", "ann").format("csv")).id();
          await()
              .atMost(Duration.ofSeconds(20))
              .until(() -> tasks.get(id[0], "ann").status() == TaskStatus.COMPLETED);
        });
    node.run(
        ctx -> {
          try (InputStream in = ctx.getBean(TaskManager.class).openResult(id[0], "ann")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("ann");
          }
        });
  }

  private static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }
}
