/**
 * A {@link io.taskport.store.TaskStore} on Redis: {@link io.taskport.redis.RedisTaskStore}.
 */
@NullMarked
package io.taskport.redis;

import org.jspecify.annotations.NullMarked;
