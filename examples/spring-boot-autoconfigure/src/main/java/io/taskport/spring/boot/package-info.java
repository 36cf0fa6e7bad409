/**
 * Spring Boot auto-configuration of Taskport: a {@link io.taskport.TaskManager} built from {@code
 * taskport.*} properties and the application's handler beans, started and drained with the
 * context, with optional Micrometer metrics and a store health indicator.
 */
@NullMarked
package io.taskport.spring.boot;

import org.jspecify.annotations.NullMarked;
