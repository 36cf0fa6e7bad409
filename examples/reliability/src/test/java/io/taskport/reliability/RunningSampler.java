package io.taskport.reliability;

import io.taskport.AdminQuery;
import io.taskport.TaskQuery;
import io.taskport.TaskStatus;
import io.taskport.store.TaskStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import redis.clients.jedis.RedisClient;

/**
 * Counts, on a thread of its own, the RUNNING tasks of one type across the cluster every 20 ms,
 * and keeps the highest count seen. Each sample is one consistent read: a single
 * {@code SELECT} on SQL ({@link TaskStore#listAll}), a Lua script over every task hash on Redis,
 * since a listing there reads hashes in a pipeline that other clients' writes interleave with
 * and could count a finished task beside its successor.
 */
final class RunningSampler implements AutoCloseable {
  private static final String REDIS_COUNT =
      "local n = 0\n"
          + "for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do\n"
          + "  local f = redis.call('HMGET', ARGV[1] .. id, 'status', 'type')\n"
          + "  if f[1] == 'RUNNING' and f[2] == ARGV[2] then n = n + 1 end\n"
          + "end\n"
          + "return n";

  private final IntSupplier count;
  private final AutoCloseable client;
  private final Thread thread;
  private final AtomicInteger max = new AtomicInteger();
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong atMax = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final int limit;
  private volatile boolean closed;

  private RunningSampler(IntSupplier count, AutoCloseable client, int limit) {
    this.count = count;
    this.client = client;
    this.limit = limit;
    this.thread = new Thread(this::sample, "running-sampler");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Starts sampling the RUNNING tasks of {@code type} in this run's namespace. */
  static RunningSampler start(
      Backend backend, StoreEnv env, TaskStore observer, String type, int limit) {
    return switch (backend) {
      case MEMORY -> throw new IllegalArgumentException("the in-memory store has no cluster");
      case REDIS -> {
        RedisClient redis = RedisClient.create(URI.create(backend.url()));
        String tag = "{" + env.prefix + "}";
        List<String> keys = List.of(tag + ":all");
        List<String> args = List.of(tag + ":task:", type);
        yield new RunningSampler(
            () -> ((Number) redis.eval(REDIS_COUNT, keys, args)).intValue(), redis, limit);
      }
      case POSTGRES, MARIADB -> {
        AdminQuery q =
            AdminQuery.all().status(TaskStatus.RUNNING).type(type).limit(TaskQuery.MAX_LIMIT);
        yield new RunningSampler(() -> observer.listAll(q).items().size(), () -> {}, limit);
      }
    };
  }

  private void sample() {
    while (!closed) {
      try {
        int n = count.getAsInt();
        samples.incrementAndGet();
        max.accumulateAndGet(n, Math::max);
        if (n == limit) {
          atMax.incrementAndGet();
        }
      } catch (RuntimeException e) {
        failures.incrementAndGet();
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  /** The highest count seen so far. */
  int max() {
    return max.get();
  }

  long samples() {
    return samples.get();
  }

  /** How many samples saw exactly the limit: the scenario kept the type busy. */
  long samplesAtLimit() {
    return atMax.get();
  }

  long failures() {
    return failures.get();
  }

  @Override
  public void close() throws Exception {
    closed = true;
    thread.join(10_000);
    client.close();
  }
}
