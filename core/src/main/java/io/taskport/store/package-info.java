/**
 * The {@link io.taskport.store.TaskStore} SPI, where tasks live, and the in-memory store.
 */
@NullMarked
package io.taskport.store;

import org.jspecify.annotations.NullMarked;
