package io.taskport.spring.boot;

import io.taskport.store.TaskStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Registers the {@code taskport} health indicator of the {@link TaskStore} when Spring Boot's
 * health support is on the class path; {@code management.health.taskport.enabled=false} turns it
 * off.
 */
@AutoConfiguration(after = TaskportAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(TaskStore.class)
@ConditionalOnEnabledHealthIndicator("taskport")
public final class TaskportHealthAutoConfiguration {
  /** Creates the auto-configuration; called by Spring. */
  public TaskportHealthAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "taskportHealthIndicator")
  TaskStoreHealthIndicator taskportHealthIndicator(TaskStore store) {
    return new TaskStoreHealthIndicator(store);
  }
}
