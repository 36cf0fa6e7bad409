/**
 * The Taskport web layer for Spring MVC: REST and Server-Sent Events endpoints for the signed-in
 * user's tasks, auto-configured by {@link io.taskport.spring.web.TaskportWebAutoConfiguration}.
 */
@NullMarked
package io.taskport.spring.web;

import org.jspecify.annotations.NullMarked;
