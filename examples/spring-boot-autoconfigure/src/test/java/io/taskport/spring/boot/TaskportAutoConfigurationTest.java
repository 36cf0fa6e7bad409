package io.taskport.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskport.ExportRequest;
import io.taskport.LinkSigner;
import io.taskport.Submission;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskManagerBuilder;
import io.taskport.TaskStatus;
import io.taskport.file.FileStore;
import io.taskport.file.LocalFileStore;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.store.TaskStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TaskportAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TaskportAutoConfiguration.class,
                  TaskportMetricsAutoConfiguration.class,
                  TaskportHealthAutoConfiguration.class));

  @Test
  void defaults_createAStartedManagerOnMemoryAndLocalFiles() {
    runner.run(
        ctx -> {
          assertThat(ctx).hasSingleBean(TaskManager.class);
          assertThat(ctx.getBean(TaskStore.class)).isInstanceOf(InMemoryTaskStore.class);
          assertThat(ctx.getBean(FileStore.class)).isInstanceOf(LocalFileStore.class);
          assertThat(ctx).hasSingleBean(LinkSigner.class);
          assertThat(ctx).hasSingleBean(TaskportMetrics.class);
          assertThat(ctx).hasSingleBean(TaskStoreHealthIndicator.class);
          assertThat(ctx.getBean(TaskManagerLifecycle.class).isRunning()).isTrue();
          TaskportProperties p = ctx.getBean(TaskportProperties.class);
          assertThat(p.getWorkers()).isEqualTo(TaskManagerBuilder.DEFAULT_WORKERS);
          assertThat(p.getTaskTimeout()).isEqualTo(TaskManagerBuilder.DEFAULT_TASK_TIMEOUT);
          assertThat(p.getRetention()).isEqualTo(TaskManagerBuilder.DEFAULT_RETENTION);
          assertThat(p.getMaxAttempts()).isEqualTo(TaskManagerBuilder.DEFAULT_MAX_ATTEMPTS);
          assertThat(p.getLease()).isEqualTo(TaskManagerBuilder.DEFAULT_LEASE);
          assertThat(p.getDrainTimeout()).isEqualTo(TaskManagerBuilder.DEFAULT_DRAIN_TIMEOUT);
          assertThat(p.getStore()).isEqualTo(TaskportProperties.StoreType.AUTO);
        });
  }

  @Test
  void disabled_createsNothing() {
    runner
        .withPropertyValues("taskport.enabled=false")
        .run(
            ctx -> {
              assertThat(ctx).doesNotHaveBean(TaskManager.class);
              assertThat(ctx).doesNotHaveBean(TaskStore.class);
              assertThat(ctx).doesNotHaveBean(TaskportMetrics.class);
              assertThat(ctx).doesNotHaveBean(TaskStoreHealthIndicator.class);
            });
  }

  @Test
  void handlerBeans_areRegisteredAndRun() {
    runner
        .withBean("accountsExport", io.taskport.handler.ExportHandler.class,
            () -> TestHandlers.export("accounts"))
        .withBean("accountsImport", io.taskport.handler.ImportHandler.class,
            () -> TestHandlers.importer("accounts"))
        .run(
            ctx -> {
              TaskManager tasks = ctx.getBean(TaskManager.class);
              Submission s = tasks.submit(ExportRequest.of("accounts", "ann"));
              await()
                  .atMost(Duration.ofSeconds(10))
                  .until(() -> tasks.get(s.id(), "ann").status() == TaskStatus.COMPLETED);
              ByteArrayOutputStream template = new ByteArrayOutputStream();
              tasks.writeTemplate("accounts", "csv", template);
              assertThat(template.toString(StandardCharsets.UTF_8)).contains("name");
            });
  }

  @Test
  void customizers_adjustTheBuilder() {
    runner
        .withBean(
            TaskManagerCustomizer.class,
            () -> builder -> builder.export(TestHandlers.export("fromCustomizer")))
        .run(
            ctx -> {
              TaskManager tasks = ctx.getBean(TaskManager.class);
              Submission s = tasks.submit(ExportRequest.of("fromCustomizer", "ann"));
              assertThat(s.created()).isTrue();
            });
  }

  @Test
  void properties_areBound(@TempDir Path dir) {
    runner
        .withPropertyValues(
            "taskport.workers=2",
            "taskport.task-timeout=5m",
            "taskport.retention=1h",
            "taskport.max-attempts=5",
            "taskport.lease=10s",
            "taskport.drain-timeout=3s",
            "taskport.max-upload-size=2MB",
            "taskport.store=memory",
            "taskport.files.dir=" + dir,
            "taskport.link.secret=0123456789abcdef0123456789abcdef",
            "taskport.link.ttl=1m")
        .run(
            ctx -> {
              TaskportProperties p = ctx.getBean(TaskportProperties.class);
              assertThat(p.getWorkers()).isEqualTo(2);
              assertThat(p.getTaskTimeout()).isEqualTo(Duration.ofMinutes(5));
              assertThat(p.getRetention()).isEqualTo(Duration.ofHours(1));
              assertThat(p.getMaxAttempts()).isEqualTo(5);
              assertThat(p.getLease()).isEqualTo(Duration.ofSeconds(10));
              assertThat(p.getDrainTimeout()).isEqualTo(Duration.ofSeconds(3));
              assertThat(p.getMaxUploadSize().toBytes()).isEqualTo(2L * 1024 * 1024);
              assertThat(p.getLink().getTtl()).isEqualTo(Duration.ofMinutes(1));
              assertThat(p.getLink().toString()).doesNotContain("0123456789");
              assertThat(((LocalFileStore) ctx.getBean(FileStore.class)).root()).isEqualTo(dir);
            });
  }

  @Test
  void linkSecret_signsTheSameLinkInEveryContext() {
    String secret = "taskport.link.secret=0123456789abcdef0123456789abcdef";
    TaskId id = TaskId.random();
    LinkSigner.SignedLink[] link = new LinkSigner.SignedLink[1];
    runner
        .withPropertyValues(secret)
        .run(ctx -> link[0] = ctx.getBean(LinkSigner.class).sign(id, "result", Duration.ofMinutes(1)));
    runner
        .withPropertyValues(secret)
        .run(
            ctx ->
                assertThat(
                        ctx.getBean(LinkSigner.class)
                            .verify(id, "result", link[0].expires(), link[0].kid(), link[0].signature()))
                    .isTrue());
    runner.run(
        ctx ->
            assertThat(
                    ctx.getBean(LinkSigner.class)
                        .verify(id, "result", link[0].expires(), link[0].kid(), link[0].signature()))
                .isFalse());
  }

  @Test
  void temporaryFilesDirectory_isDeletedOnClose() {
    Path[] dir = new Path[1];
    runner.run(
        ctx -> {
          dir[0] = ((LocalFileStore) ctx.getBean(FileStore.class)).root();
          assertThat(dir[0]).isDirectory();
        });
    assertThat(Files.exists(dir[0])).isFalse();
  }

  @Test
  void close_drainsAndClosesTheManager() {
    TaskManager[] tasks = new TaskManager[1];
    runner.run(ctx -> tasks[0] = ctx.getBean(TaskManager.class));
    assertThatThrownBy(() -> tasks[0].submit(ExportRequest.of("accounts", "ann")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void ownBeans_winOverTheAutoConfiguredOnes(@TempDir Path dir) {
    InMemoryTaskStore store = new InMemoryTaskStore();
    runner
        .withBean(TaskStore.class, () -> store)
        .withBean(FileStore.class, () -> new LocalFileStore(dir))
        .run(
            ctx -> {
              assertThat(ctx.getBean(TaskStore.class)).isSameAs(store);
              assertThat(((LocalFileStore) ctx.getBean(FileStore.class)).root()).isEqualTo(dir);
              assertThat(ctx).doesNotHaveBean(FilesDirectory.class);
            });
  }
}
