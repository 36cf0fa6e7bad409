package io.taskport.redis;

import io.taskport.store.TaskStore;
import io.taskport.testkit.WorkerStoreFactory;
import java.net.URI;
import java.util.Map;

/** Builds the store of a worker JVM from {@code redis.url} and {@code redis.prefix}. */
public final class RedisWorkerStoreFactory implements WorkerStoreFactory {
  /** Used by {@code WorkerMain} through reflection. */
  public RedisWorkerStoreFactory() {}

  @Override
  public TaskStore create(Map<String, String> p) {
    return RedisTaskStore.builder(URI.create(p.get("redis.url")))
        .prefix(p.get("redis.prefix"))
        .build();
  }
}
