package io.taskport.spring.boot;

import io.taskport.TaskManagerBuilder;

/**
 * Adjusts the builder of the auto-configured {@link io.taskport.TaskManager} after the {@code
 * taskport.*} properties and the handler beans were applied, and before it is built. Declare one
 * or more as beans; they run in {@link org.springframework.core.annotation.Order} order.
 *
 * <pre>{@code
 * @Bean
 * TaskManagerCustomizer limits() {
 *   return builder -> builder.typeLimit("accounts", 1);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TaskManagerCustomizer {
  /** Adjusts the builder; called once, on the thread that creates the context. */
  void customize(TaskManagerBuilder builder);
}
