package io.taskport.spring.boot;

import io.taskport.TaskManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link TaskportMetrics} when Micrometer is on the class path. Spring Boot's metrics
 * auto-configuration binds it to the application's meter registry.
 */
@AutoConfiguration(after = TaskportAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
@ConditionalOnBean(TaskManager.class)
public final class TaskportMetricsAutoConfiguration {
  /** Creates the auto-configuration; called by Spring. */
  public TaskportMetricsAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  TaskportMetrics taskportMetrics(TaskManager taskManager) {
    return new TaskportMetrics(taskManager);
  }
}
