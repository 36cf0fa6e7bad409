package io.taskport.jdbc;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.Progress;
import io.taskport.Task;
import io.taskport.store.Heartbeat;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL a heartbeat changes no indexed column (schema version 6), so each is a HOT
 * update: a new row version on the same page and no index entry. The store runs on a pool of one
 * connection, so that the test can make that backend flush its table statistics.
 */
class PostgresHotHeartbeatIT {
  private static final int BEATS = 20;

  @RegisterExtension final ScratchStore scratch = new ScratchStore(() -> Services.postgresPool(1));

  @Test
  void heartbeatsWriteNoIndexEntries() throws Exception {
    JdbcTaskStore store = scratch.store;
    store.create(pendingExport().build());
    List<Task> claimed = store.claim("w", Set.of("accounts"), Duration.ofMinutes(5), 1);
    assertThat(claimed).hasSize(1);
    long[] before = updates();
    for (int i = 1; i <= BEATS; i++) {
      assertThat(store.heartbeat(claimed.get(0).fence(), new Progress(i, BEATS, "row " + i), null,
          Duration.ofMinutes(5))).isEqualTo(Heartbeat.ALIVE);
    }
    long[] after = updates();
    assertThat(after[0] - before[0]).as("updates").isEqualTo(BEATS);
    assertThat(after[1] - before[1]).as("HOT updates").isEqualTo(BEATS);
  }

  /** The task table's {updates, HOT updates}, after the store's one backend flushed its counts. */
  private long[] updates() throws SQLException {
    try (Connection c = scratch.ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("SELECT pg_stat_force_next_flush()");
      st.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet rs = st.executeQuery(
          "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = '"
              + scratch.prefix + "taskport_task'")) {
        assertThat(rs.next()).as("statistics of the task table").isTrue();
        return new long[] {rs.getLong(1), rs.getLong(2)};
      }
    }
  }
}
