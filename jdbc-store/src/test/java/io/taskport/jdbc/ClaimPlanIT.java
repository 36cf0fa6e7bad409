package io.taskport.jdbc;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.Task;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claim's plan over a deep queue: 20,000 due tasks of three types. A claim must read its batch
 * from an index in due order and stop, never sort every due task (which cost 47 ms per claim at
 * this depth, against 0.1 ms).
 */
class ClaimPlanIT {
  private static final int QUEUED = 20_000;

  abstract static class Plans {
    @RegisterExtension final ScratchStore db = new ScratchStore(this::open);

    abstract DataSource open();

    /** A row source of 1 to {@link #QUEUED} as {@code n}, in this dialect. */
    abstract String numbers();

    abstract String analyze(String table);

    /** The lines of the plan that say the database sorts. */
    abstract List<String> sorts(Connection c, String sql, List<String> types) throws SQLException;

    @BeforeEach
    void queue() throws Exception {
      Task seed = db.store.create(pendingExport().type("t0").build()).task();
      String table = db.store.sql().table("taskport_task");
      String copy =
          TaskRows.COLUMNS
              .replaceFirst("\\bid\\b", "CONCAT('q-', n)")
              .replaceFirst(
                  "\\btype\\b", "CASE MOD(n, 3) WHEN 0 THEN 't0' WHEN 1 THEN 't1' ELSE 't2' END")
              .replace("dedup_key", "NULL");
      try (Connection c = db.ds.getConnection();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "INSERT INTO " + table + " (" + TaskRows.COLUMNS + ") SELECT " + copy + " FROM "
                + table + " CROSS JOIN " + numbers() + " WHERE id = '" + seed.id().value() + "'");
        st.execute(analyze(table));
      }
    }

    @Test
    void aClaimOfSeveralTypesReadsItsBatchInDueOrderWithoutSorting() throws Exception {
      assertNoSort(List.of("t0", "t1", "t2"));
    }

    @Test
    void aClaimOfOneTypeReadsItsBatchInDueOrderWithoutSorting() throws Exception {
      assertNoSort(List.of("t1"));
    }

    @Test
    void aFairClaimReadsItsBatchInTurnOrderWithoutSorting() throws Exception {
      assertNoSort(List.of("t0", "t1", "t2"), true);
      assertNoSort(List.of("t1"), true);
    }

    private void assertNoSort(List<String> types) throws SQLException {
      assertNoSort(types, false);
    }

    private void assertNoSort(List<String> types, boolean fair) throws SQLException {
      String pick = Claims.pick(db.store.sql(), types.size(), fair);
      try (Connection c = db.ds.getConnection()) {
        assertThat(sorts(c, pick, types)).as("plan of " + pick).isEmpty();
      }
    }
  }

  @Nested
  class Postgres extends Plans {
    @Override
    DataSource open() {
      return Services.postgresPlain();
    }

    @Override
    String numbers() {
      return "generate_series(1, " + QUEUED + ") AS g(n)";
    }

    @Override
    String analyze(String table) {
      return "ANALYZE " + table;
    }

    @Override
    List<String> sorts(Connection c, String sql, List<String> types) throws SQLException {
      return explain(c, "EXPLAIN " + sql, types, "QUERY PLAN", "Sort");
    }
  }

  @Nested
  class MariaDb extends Plans {
    @Override
    DataSource open() {
      return Services.mariadbPlain();
    }

    @Override
    String numbers() {
      return "(SELECT seq AS n FROM seq_1_to_" + QUEUED + ") AS g";
    }

    @Override
    String analyze(String table) {
      return "ANALYZE TABLE " + table;
    }

    @Override
    List<String> sorts(Connection c, String sql, List<String> types) throws SQLException {
      return explain(c, "EXPLAIN " + sql, types, "Extra", "filesort");
    }
  }

  private static List<String> explain(
      Connection c, String sql, List<String> types, String column, String sortWord)
      throws SQLException {
    List<String> hits = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < types.size(); i++) {
        ps.setString(i + 1, types.get(i));
      }
      ps.setInt(types.size() + 1, 8);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String line = rs.getString(column);
          if (line != null && line.contains(sortWord)) {
            hits.add(line);
          }
        }
      }
    }
    return hits;
  }
}
