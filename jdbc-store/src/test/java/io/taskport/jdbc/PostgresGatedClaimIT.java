package io.taskport.jdbc;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.taskport.Task;
import io.taskport.store.ClaimRules;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A claim under a cluster-wide type limit waits for the type's gate row while another claim holds
 * it. On PostgreSQL {@code CURRENT_TIMESTAMP} is the transaction's start, so a lease stamped with
 * it would be shortened by the wait, and another node's sweep could recover a task just claimed.
 */
class PostgresGatedClaimIT {
  private static final Duration LEASE = Duration.ofSeconds(4);
  private static final Duration HOLD = Duration.ofSeconds(2);
  private static final ClaimRules LIMIT_2 =
      new ClaimRules(false, Map.of("accounts", 2), Map.of(), 0, 0);

  private final String prefix = Services.randomPrefix();
  private HikariDataSource pool;
  private JdbcTaskStore store;

  @BeforeEach
  void open() {
    pool = Services.postgresPool(4);
    store = JdbcTaskStore.builder(pool).tablePrefix(prefix).createSchema(true).build();
  }

  @AfterEach
  void drop() throws Exception {
    try {
      Services.dropTables(pool, prefix);
    } finally {
      store.close();
      pool.close();
    }
  }

  @Test
  void aClaimThatWaitedForTheGateStampsAFullLease() throws Exception {
    // creates the gate row; nothing is due yet
    assertThat(store.claim("w1", Set.of("accounts"), LEASE, 1, LIMIT_2)).isEmpty();
    store.create(pendingExport().build());
    try (Connection holder = pool.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement st = holder.createStatement()) {
        String gate = prefix + "taskport_gate";
        st.executeQuery("SELECT name FROM " + gate + " WHERE name = 'type:accounts' FOR UPDATE")
            .close();
      }
      CompletableFuture<List<Task>> claim =
          CompletableFuture.supplyAsync(
              () -> store.claim("w2", Set.of("accounts"), LEASE, 1, LIMIT_2));
      await().atMost(Duration.ofSeconds(20)).until(this::aClaimWaitsForALock);
      // the other claim keeps the gate this long: the fault under test, not a synchronisation
      LockSupport.parkNanos(HOLD.toNanos());
      holder.commit();
      List<Task> claimed = claim.get(20, TimeUnit.SECONDS);
      Instant now = store.databaseNow();
      assertThat(claimed).hasSize(1);
      Duration left = Duration.between(now, claimed.get(0).lease().until());
      assertThat(left)
          .as("lease left right after a claim that waited %s for the gate", HOLD)
          .isGreaterThan(LEASE.minus(HOLD.dividedBy(2)));
    }
  }

  private boolean aClaimWaitsForALock() throws Exception {
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE ?")) {
      ps.setString(1, "%" + prefix + "taskport_gate%");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }
}
