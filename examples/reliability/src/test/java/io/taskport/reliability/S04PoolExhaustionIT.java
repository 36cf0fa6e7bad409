package io.taskport.reliability;

import io.taskport.ExportRequest;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.redis.RedisTaskStore;
import io.taskport.store.TaskStore;
import io.taskport.testkit.InvocationAudit;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.RedisClient;

/**
 * Scenario 4, connection-pool exhaustion: 16 worker threads share a pool of 2 JDBC connections
 * (or 8 Redis connections) with handlers that each hold one of them for 200 ms. No deadlock,
 * every task completes, and no lease expires falsely because the store waited for a connection.
 */
class S04PoolExhaustionIT {
  private static final String TYPE = "pooled";
  private static final long HOLD_MILLIS = 200;

  @ParameterizedTest(name = "{0}")
  @EnumSource(Backend.class)
  void exhaustedPool_completesEverythingWithoutFalseExpiry(Backend backend) throws Exception {
    Report.Run run = Report.begin("4 connection-pool exhaustion", backend);
    if (!backend.isShared()) {
      run.notApplicable("the in-memory store has no connection pool");
    }
    int tasks = Scale.pick(60, 1000);
    try (Harness h = Harness.open(run, backend)) {
      TaskStore store;
      ExportHandler<Map<?, ?>, Integer> handler;
      if (backend.isJdbc()) {
        DataSource ds = h.env.dataSource(backend.url(), 2);
        // heartbeats get a pool of one of their own, as the store's README advises
        store = h.env.jdbcStore(ds, h.env.dataSource(backend.url(), 1));
        handler = holding(h.audit, ds::getConnection);
        run.note("HikariCP maximumPoolSize=2 shared by the store and 16 worker threads, each "
            + "handler holds a connection " + HOLD_MILLIS + " ms; heartbeats on a pool of 1");
      } else {
        GenericObjectPoolConfig<redis.clients.jedis.Connection> pool =
            new GenericObjectPoolConfig<>();
        pool.setMaxTotal(8);
        pool.setMaxIdle(8);
        pool.setMaxWait(Duration.ofSeconds(5));
        RedisClient client =
            h.env.track(
                RedisClient.builder()
                    .hostAndPort(backend.address().getHostString(), backend.address().getPort())
                    .poolConfig(pool)
                    .build());
        store = RedisTaskStore.builder(client).prefix(h.env.prefix).build();
        handler = holding(h.audit, () -> client.getPool().getResource());
        run.note("Jedis pool maxTotal=8, 16 worker threads, each handler holds a connection "
            + HOLD_MILLIS + " ms");
      }
      TaskManager node =
          h.localNode(Nodes.worker(store, h.env.files, h.audit, "pool").export(handler).workers(16));
      List<TaskId> ids = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        ids.add(
            node.submit(ExportRequest.of(TYPE, Invariants.OWNER).format("tsv").params(Map.of("i", i)))
                .id());
      }
      h.inv.awaitTerminal(ids, Duration.ofSeconds(Scale.pick(120, 900)));
      h.inv.assertCompleted(ids, Set.of(), 3);
      h.inv.assertFaultFree(ids);
    }
  }

  private interface Resource {
    AutoCloseable open() throws Exception;
  }

  private static ExportHandler<Map<?, ?>, Integer> holding(
      InvocationAudit audit, Resource resource) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Map<?, ?>> params = (Class) Map.class;
    return ExportHandler.of(
        TYPE,
        params,
        x -> List.of(Column.integer("n", (Integer i) -> i)),
        (ctx, out) -> {
          Clock clock = Clock.systemUTC();
          audit.started(ctx.taskId(), ctx.attempt(), "pool", clock.instant());
          try (AutoCloseable held = resource.open()) {
            if (held instanceof Connection c) {
              c.isValid(1);
            }
            long end = System.nanoTime() + HOLD_MILLIS * 1_000_000;
            while (System.nanoTime() < end) {
              ctx.checkCancelled();
              // simulated work while holding the connection
              LockSupport.parkNanos(Math.min(end - System.nanoTime(), 5_000_000));
            }
          }
          for (int i = 0; i < 3; i++) {
            out.write(i);
          }
          audit.ended(ctx.taskId(), ctx.attempt(), "pool", clock.instant());
        });
  }
}
