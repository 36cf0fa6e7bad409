package io.taskport.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.taskport.ExportRequest;
import io.taskport.TaskManager;
import io.taskport.handler.ExportHandler;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TaskportMetricsTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TaskportAutoConfiguration.class,
                  TaskportMetricsAutoConfiguration.class,
                  TaskportHealthAutoConfiguration.class))
          .withBean("accounts", ExportHandler.class, () -> TestHandlers.export("accounts"));

  @Test
  void finishedExport_isCountedAndTimed() {
    runner.run(
        ctx -> {
          SimpleMeterRegistry registry = new SimpleMeterRegistry();
          ctx.getBean(TaskportMetrics.class).bindTo(registry);
          ctx.getBean(TaskManager.class).submit(ExportRequest.of("accounts", "ann"));
          await()
              .atMost(Duration.ofSeconds(10))
              .untilAsserted(
                  () -> {
                    // the counter is incremented just before the timer records, on the events thread
                    assertThat(
                            registry
                                .counter(
                                    "taskport.tasks.finished",
                                    "type",
                                    "accounts",
                                    "status",
                                    "COMPLETED")
                                .count())
                        .isEqualTo(1.0);
                    assertThat(registry.find("taskport.tasks.duration").timer())
                        .isNotNull()
                        .satisfies(t -> assertThat(t.count()).isEqualTo(1));
                  });
          assertThat(registry.counter("taskport.tasks.submitted", "type", "accounts").count())
              .isEqualTo(1.0);
          assertThat(registry.get("taskport.tasks.running").gauge().value()).isZero();
          assertThat(registry.get("taskport.tasks.pending").gauge().value()).isZero();
        });
  }

  @Test
  void health_isUpWhenTheStoreAnswers() {
    runner.run(
        ctx ->
            assertThat(ctx.getBean(TaskStoreHealthIndicator.class).health(true).getStatus())
                .isEqualTo(Status.UP));
  }

  @Test
  void health_canBeDisabled() {
    runner
        .withPropertyValues("management.health.taskport.enabled=false")
        .run(ctx -> assertThat(ctx).doesNotHaveBean(TaskStoreHealthIndicator.class));
  }
}
