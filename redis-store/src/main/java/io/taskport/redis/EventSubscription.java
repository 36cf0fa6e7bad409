package io.taskport.redis;

import io.taskport.StoreException;
import io.taskport.Subscription;
import io.taskport.TaskEvent;
import io.taskport.TaskListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One listener on the store's event channel: a thread that holds a connection in SUBSCRIBE and
 * subscribes again, with a growing pause up to 5 s, whenever the connection is lost.
 */
final class EventSubscription implements Subscription, Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RedisTaskStore.class);

  private final UnifiedJedis jedis;
  private final String channel;
  private final TaskListener listener;
  private final Consumer<EventSubscription> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;
  private final PubSub pubsub = new PubSub();

  EventSubscription(
      UnifiedJedis jedis,
      String channel,
      TaskListener listener,
      Consumer<EventSubscription> onClose) {
    this.jedis = jedis;
    this.channel = channel;
    this.listener = listener;
    this.onClose = onClose;
    this.thread = new Thread(this, "taskport-redis-events");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Whether the channel is subscribed right now; events published before are not seen. */
  boolean isSubscribed() {
    return pubsub.isSubscribed();
  }

  @Override
  public void run() {
    long pause = 50;
    while (!closed.get()) {
      try {
        jedis.subscribe(pubsub, channel);
        pause = 50;
      } catch (JedisException | IllegalStateException e) {
        if (closed.get()) {
          break;
        }
        LOG.warn("Lost the Redis event subscription on {}; subscribing again: {}", channel, e.toString());
      }
      try {
        if (stop.await(pause, TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      pause = Math.min(pause * 2, 5000);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    stop.countDown();
    if (pubsub.isSubscribed()) {
      try {
        pubsub.unsubscribe();
      } catch (JedisException e) {
        LOG.debug("Unsubscribe of {} failed: {}", channel, e.toString());
      }
    }
    if (Thread.currentThread() != thread) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    onClose.accept(this);
  }

  private final class PubSub extends JedisPubSub {
    @Override
    public void onSubscribe(String ch, int count) {
      if (closed.get()) {
        unsubscribe();
      }
    }

    @Override
    public void onMessage(String ch, String message) {
      TaskEvent event;
      try {
        event = TaskCodec.event(message);
      } catch (StoreException e) {
        LOG.warn("Ignored a message on {}: {}", ch, e.getMessage());
        return;
      }
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("A task listener failed on an event of task {}", event.taskId(), e);
      }
    }
  }
}
