package io.taskport.redis;

import io.taskport.store.TaskStore;
import io.taskport.testkit.CheckFlowContract;
import redis.clients.jedis.RedisClient;

/** Check first, then load, with two nodes on one Redis store. */
class RedisCheckFlowIT extends CheckFlowContract {
  private RedisClient jedis;
  private String prefix;

  @Override
  protected TaskStore createStore() {
    jedis = RedisTestSupport.connect();
    prefix = RedisTestSupport.randomPrefix();
    return RedisTaskStore.builder(jedis).prefix(prefix).build();
  }

  @Override
  protected void dropStore(TaskStore store) {
    try {
      store.close();
      RedisTestSupport.deleteAll(jedis, prefix);
    } finally {
      jedis.close();
    }
  }
}
