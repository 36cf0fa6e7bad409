/**
 * Taskport: background import and export tasks. Start with {@link io.taskport.TaskManager}.
 */
@NullMarked
package io.taskport;

import org.jspecify.annotations.NullMarked;
