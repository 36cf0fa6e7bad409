package io.taskport.redis;

import io.taskport.Subscription;
import io.taskport.TaskListener;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.UnifiedJedis;

/** The open event subscriptions of one store, so that closing the store stops them all. */
final class Events {
  private final UnifiedJedis jedis;
  private final String channel;
  private final Set<EventSubscription> open = ConcurrentHashMap.newKeySet();

  Events(UnifiedJedis jedis, String channel) {
    this.jedis = jedis;
    this.channel = channel;
  }

  Subscription subscribe(TaskListener listener) {
    EventSubscription s = new EventSubscription(jedis, channel, listener, open::remove);
    open.add(s);
    s.start();
    return s;
  }

  void close() {
    for (EventSubscription s : open) {
      s.close();
    }
  }
}
