package io.taskport.redis;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.Progress;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskResult;
import io.taskport.file.FileRef;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.executors.DefaultCommandExecutor;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * How many round trips the steps on a task's path cost, counted at the client. The EVAL that
 * follows a NOSCRIPT answer (the first run of a script after a flush, which other tests on the
 * server may cause at any time) is not counted.
 */
class RedisRoundTripsIT {
  private static final Set<String> TYPES = Set.of("accounts");
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final AtomicInteger trips = new AtomicInteger();
  private UnifiedJedis jedis;
  private String prefix;
  private RedisTaskStore store;

  @BeforeEach
  void open() {
    RedisTestSupport.connect().close(); // skips or fails the test when Redis is not there
    URI uri = RedisTestSupport.uri();
    HostAndPort at = new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    PooledConnectionProvider provider = new PooledConnectionProvider(at);
    jedis =
        RedisClient.builder()
            .connectionProvider(provider)
            .commandExecutor(new Counting(new DefaultCommandExecutor(provider), trips))
            .build();
    prefix = RedisTestSupport.randomPrefix();
    store = RedisTaskStore.builder(jedis).prefix(prefix).checkServer(false).build();
  }

  @AfterEach
  void close() {
    RedisTestSupport.closeAndClean(store, jedis, prefix);
  }

  @Test
  void create_isOneRoundTrip() {
    trips.set(0);
    store.create(pendingExport().build());
    assertThat(trips).hasValue(1);
  }

  @Test
  void claimBatch_isOneRoundTripOnceTheHintsAreWarm() {
    for (int i = 0; i < 12; i++) {
      store.create(pendingExport().build());
    }
    assertThat(store.claim("w1", TYPES, LEASE, 1)).hasSize(1);
    trips.set(0);
    List<Task> batch = store.claim("w1", TYPES, LEASE, 5);
    assertThat(batch).hasSize(5);
    assertThat(trips).hasValue(1);
    trips.set(0);
    assertThat(store.claim("w2", TYPES, LEASE, 10)).hasSize(6);
    assertThat(trips).hasValue(1);
  }

  @Test
  void completeWithTheFinalProgress_isOneRoundTrip() {
    store.create(pendingExport().build());
    TaskResult result =
        TaskResult.ofFile(new FileRef("t/" + TaskId.random(), "a.csv", 1, "text/csv"));
    Task t = store.claim("w1", TYPES, LEASE, 1).stream().findFirst().orElseThrow();
    trips.set(0);
    assertThat(store.complete(t.fence(), result, Progress.of(7, 7))).isTrue();
    assertThat(trips).hasValue(1);
    assertThat(store.get(t.id()).orElseThrow().progress()).isEqualTo(Progress.of(7, 7));
  }

  @Test
  void awaitWork_withATaskDue_asksOnceAndDoesNotBlock() throws Exception {
    store.create(pendingExport().build());
    jedis.del("{" + prefix + "}:wake:accounts");
    trips.set(0);
    assertThat(store.awaitWork(TYPES, Duration.ofSeconds(20))).isTrue();
    assertThat(trips).hasValue(1);
  }

  /** Counts every command sent but EVAL, blocking ones and EVALSHA included. */
  private record Counting(CommandExecutor inner, AtomicInteger count) implements CommandExecutor {
    @Override
    public <T> T executeCommand(CommandObject<T> command) {
      if (command.getArguments().getCommand() != Protocol.Command.EVAL) {
        count.incrementAndGet();
      }
      return inner.executeCommand(command);
    }

    @Override
    public void close() throws Exception {
      inner.close();
    }
  }
}
