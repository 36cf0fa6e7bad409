package io.taskport.jdbc;

import io.taskport.Progress;
import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskResult;
import io.taskport.file.FileRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code LISTEN/NOTIFY} on a real PostgreSQL server. Node A waits; node B (its own pool and store)
 * makes a task due. Every wait is a minute long, so a test only passes within its 20 s bound if the
 * notification arrived.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresListenIT {
  private static final Set<String> TYPES = Set.of("accounts");
  private static final Duration LONG_WAIT = Duration.ofSeconds(60);
  private static final long BOUND_SECONDS = 20;

  private final String prefix = Services.randomPrefix();
  private final String listenApp = "taskport-listen-" + prefix;
  private HikariDataSource poolA;
  private HikariDataSource poolB;
  private JdbcTaskStore a;
  private JdbcTaskStore b;
  private final ExecutorService waiters = Executors.newCachedThreadPool();

  @BeforeAll
  void open() {
    poolA = Services.postgresPool(4);
    poolB = Services.postgresPool(4);
    PGSimpleDataSource listen = new PGSimpleDataSource();
    listen.setURL(Services.PG_URL);
    listen.setApplicationName(listenApp);
    a =
        JdbcTaskStore.builder(poolA)
            .tablePrefix(prefix)
            .createSchema(true)
            .listenDataSource(listen)
            .build();
    b = JdbcTaskStore.builder(poolB).tablePrefix(prefix).build();
  }

  @AfterEach
  void empty() throws SQLException {
    try (Connection c = poolB.getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM " + prefix + "taskport_task");
    }
  }

  @AfterAll
  void drop() throws Exception {
    waiters.shutdownNow();
    if (a != null) {
      a.close();
      b.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> !a.listening());
    }
    try {
      if (poolB != null) {
        Services.dropTables(poolB, prefix);
      }
    } finally {
      if (poolA != null) {
        poolA.close();
      }
      if (poolB != null) {
        poolB.close();
      }
    }
  }

  @Test
  void awaitWork_returnsAtOnceWhenATaskIsDue() throws Exception {
    b.create(pendingExport().build());
    assertThat(waitOnA().get(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void awaitWork_isWokenByATaskCreatedOnAnotherNode() throws Exception {
    Future<Boolean> waiting = waitOnAUntilBlocked();
    b.create(pendingExport().build());
    assertThat(waiting.get(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(a.claim("a", TYPES, Duration.ofMinutes(1), 1).stream().findFirst()).isPresent();
  }

  @Test
  void awaitWork_isWokenByARetryOrAReleaseOnAnotherNode() throws Exception {
    b.create(pendingExport().build());
    Task t = b.claim("b", TYPES, Duration.ofMinutes(1), 1).stream().findFirst().orElseThrow();
    Future<Boolean> waiting = waitOnAUntilBlocked();
    assertThat(b.fail(t.fence(), TaskError.of("X", "x"), Duration.ZERO)).isTrue();
    assertThat(waiting.get(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();

    Task again = b.claim("b", TYPES, Duration.ofMinutes(1), 1).stream().findFirst().orElseThrow();
    waiting = waitOnAUntilBlocked();
    assertThat(b.release(again.fence())).isTrue();
    assertThat(waiting.get(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void awaitWork_isWokenByALeaseRecoveredOnAnotherNode() throws Exception {
    b.create(pendingExport().build());
    Task t = b.claim("b", TYPES, Duration.ofMillis(200), 1).stream().findFirst().orElseThrow();
    Instant leaseEnd = t.lease().until();
    await().atMost(Duration.ofSeconds(10)).until(() -> !b.databaseNow().isBefore(leaseEnd));
    Future<Boolean> waiting = waitOnAUntilBlocked();
    assertThat(b.recoverExpiredLeases(10)).hasSize(1);
    assertThat(waiting.get(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void notifier_coalescesTheNotificationsOfABurst() throws Exception {
    // a one-second gap makes the bound independent of how fast this machine creates
    JdbcTaskStore slow =
        JdbcTaskStore.builder(poolB).tablePrefix(prefix).notifyGap(Duration.ofSeconds(1)).build();
    try (Connection raw = java.sql.DriverManager.getConnection(Services.PG_URL);
        Statement st = raw.createStatement()) {
      st.execute("LISTEN " + prefix + "taskport_task");
      PGConnection pg = raw.unwrap(PGConnection.class);
      int creates = 100;
      long start = System.nanoTime();
      for (int i = 0; i < creates; i++) {
        slow.create(pendingExport().build());
      }
      long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      int received = 0;
      // the last one arrives at most a gap after the last create; then the channel stays quiet
      for (PGNotification[] n = pg.getNotifications(5_000);
          n != null && n.length > 0;
          n = pg.getNotifications(2_000)) {
        received += n.length;
      }
      assertThat(received).isBetween(1, (int) elapsedSeconds + 2);
    } finally {
      slow.close();
    }
  }

  @Test
  void listener_reopensABrokenConnection() throws Exception {
    Future<Boolean> waiting = waitOnAUntilBlocked();
    assertThat(terminateListener()).isEqualTo(1);
    // the waiter learns at once that nobody listens any more, instead of sleeping its minute
    assertThat(waiting.get(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
    // while the listener backs off, awaitWork answers false (the caller polls); then it listens
    await()
        .atMost(Duration.ofSeconds(BOUND_SECONDS))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> a.awaitWork(TYPES, Duration.ofMillis(100)));
    waiting = waitOnAUntilBlocked();
    b.create(pendingExport().build());
    assertThat(waiting.get(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void listener_borrowsOnePoolConnectionOnlyWhileWorkersWait() throws Exception {
    try (HikariDataSource small = Services.postgresPool(2)) {
      small.setConnectionTimeout(5_000);
      JdbcTaskStore c = JdbcTaskStore.builder(small).tablePrefix(prefix).build();
      try {
        Future<Boolean> waiting = waiters.submit(() -> c.awaitWork(TYPES, LONG_WAIT));
        await().atMost(Duration.ofSeconds(BOUND_SECONDS)).until(() -> c.waiting() == 1);
        assertThat(small.getHikariPoolMXBean().getActiveConnections()).isEqualTo(1);
        // the second connection still serves the node while it waits
        c.create(pendingExport().build());
        assertThat(waiting.get(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
        Task t = c.claim("c", TYPES, Duration.ofMinutes(1), 1).stream().findFirst().orElseThrow();
        assertThat(c.complete(t.fence(), TaskResult.ofFile(new FileRef("k", "a", 1, "t")), Progress.NONE))
            .isTrue();
        // nobody waits: the connection goes back to the pool after the linger
        await()
            .atMost(Duration.ofSeconds(BOUND_SECONDS))
            .until(
                () -> !c.listening() && small.getHikariPoolMXBean().getActiveConnections() == 0);
      } finally {
        c.close();
      }
    }
  }

  @Test
  void awaitWork_answersFalseWhenListeningIsOff() throws Exception {
    JdbcTaskStore quiet = JdbcTaskStore.builder(poolA).tablePrefix(prefix).listen(false).build();
    assertThat(quiet.awaitWork(TYPES, LONG_WAIT)).isFalse();
    assertThat(quiet.listening()).isFalse();
  }

  /**
   * Starts a long wait on A and returns once it is blocked waiting for a notification. B's
   * notifications of earlier steps are sent first; a waiter that one of them still woke is
   * replaced.
   */
  private Future<Boolean> waitOnAUntilBlocked() {
    await().atMost(Duration.ofSeconds(BOUND_SECONDS)).until(() -> !b.notifying());
    return await()
        .atMost(Duration.ofSeconds(BOUND_SECONDS))
        .until(
            () -> {
              int before = a.waiting();
              Future<Boolean> waiting = waiters.submit(() -> a.awaitWork(TYPES, LONG_WAIT));
              await()
                  .atMost(Duration.ofSeconds(BOUND_SECONDS))
                  .until(() -> a.waiting() > before || waiting.isDone());
              return waiting;
            },
            waiting -> !waiting.isDone());
  }

  private Future<Boolean> waitOnA() {
    return waiters.submit(() -> a.awaitWork(TYPES, LONG_WAIT));
  }

  private int terminateListener() throws SQLException {
    try (Connection c = poolB.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = ?")) {
      ps.setString(1, listenApp);
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          n += rs.getBoolean(1) ? 1 : 0;
        }
      }
      return n;
    }
  }
}
