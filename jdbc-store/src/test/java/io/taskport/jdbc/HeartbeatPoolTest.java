package io.taskport.jdbc;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskport.Progress;
import io.taskport.StoreException;
import io.taskport.Task;
import io.taskport.store.Heartbeat;
import java.sql.Connection;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Heartbeats on a pool of their own go through while handlers hold every store connection. */
class HeartbeatPoolTest {
  private static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(250);
    return new HikariDataSource(config);
  }

  @Test
  void heartbeatsUseTheirOwnPoolWhenGivenOne() throws Exception {
    String url = "jdbc:h2:mem:" + Services.randomPrefix() + ";DB_CLOSE_DELAY=-1";
    try (HikariDataSource shared = pool(url, 1);
        HikariDataSource renewals = pool(url, 1)) {
      JdbcTaskStore store =
          JdbcTaskStore.builder(shared).createSchema(true).heartbeatDataSource(renewals).build();
      JdbcTaskStore plain = JdbcTaskStore.builder(shared).build();
      store.create(pendingExport().build());
      Task t = store.claim("w1", Set.of("accounts"), Duration.ofSeconds(30), 1).stream().findFirst().orElseThrow();
      try (Connection held = shared.getConnection()) { // a handler holds the only connection
        assertThat(held.isValid(1)).isTrue();
        Progress p = new Progress(1, 2, null);
        assertThat(store.heartbeat(t.fence(), p, null, Duration.ofSeconds(30)))
            .isEqualTo(Heartbeat.ALIVE);
        assertThatThrownBy(() -> plain.heartbeat(t.fence(), p, null, Duration.ofSeconds(30)))
            .isInstanceOf(StoreException.class);
      }
      assertThat(store.get(t.id()).orElseThrow().progress()).isEqualTo(new Progress(1, 2, null));
      store.close();
      plain.close();
    }
  }
}
