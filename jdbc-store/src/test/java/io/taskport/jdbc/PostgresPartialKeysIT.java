package io.taskport.jdbc;

import static io.taskport.testkit.TaskFixtures.pendingExport;
import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.Progress;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskResult;
import io.taskport.file.FileRef;
import io.taskport.store.NewTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schema version 5 on PostgreSQL: a task without a dedup key has no entry in the unique index of
 * active keys, and an unfinished task none in the expiry index; de-duplication, the look-ups of
 * twins and the purge still read those partial indexes.
 */
class PostgresPartialKeysIT {
  private static final int TASKS = 20_000;
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final String prefix = Services.randomPrefix();
  private DataSource ds;
  private JdbcTaskStore store;

  @BeforeEach
  void open() {
    ds = Services.postgresPlain();
    store = JdbcTaskStore.builder(ds).tablePrefix(prefix).createSchema(true).build();
  }

  @AfterEach
  void drop() throws Exception {
    store.close();
    Services.dropTables(ds, prefix);
  }

  @Test
  void onlyActiveKeyedTasksAreInTheUniqueIndexAndOnlyEndedOnesInTheExpiryIndex() throws Exception {
    for (int i = 0; i < 5; i++) {
      store.create(task("key-" + i));
    }
    for (int i = 0; i < 20; i++) {
      store.create(task(null));
    }
    List<Task> claimed = store.claim("w", Set.of("t0"), LEASE, 6);
    assertThat(claimed).hasSize(6);
    for (Task t : claimed.subList(0, 4)) {
      FileRef file = new FileRef("out/" + t.id().value(), "out.csv", 1, "text/csv");
      assertThat(store.complete(t.fence(), TaskResult.ofFile(file), Progress.NONE)).isTrue();
    }
    long keyed = count("active_key IS NOT NULL");
    assertThat(keyed).isBetween(1L, 5L);
    // a rebuilt index's tuple count in pg_class is the number of entries the build wrote
    assertThat(entries("taskport_task_active_key_uq")).isEqualTo(keyed);
    assertThat(count("expires_at IS NOT NULL")).isEqualTo(4);
    assertThat(entries("taskport_task_expires_idx")).isEqualTo(4);
    assertThat(indexes()).doesNotContain(
        store.sql().table("taskport_task_active_uq"), store.sql().table("taskport_task_expiry_idx"));
  }

  @Test
  void deDuplicationStillFindsTheActiveTwin() {
    Submission first = store.create(task("report"));
    Submission again = store.create(task("report"));
    assertThat(again.created()).isFalse();
    assertThat(again.task().id()).isEqualTo(first.task().id());
    List<Submission> all =
        store.createAll(List.of(task("report"), task("other"), task("other"), task(null)));
    assertThat(all).extracting(Submission::created).containsExactly(false, true, false, true);
    assertThat(all.get(0).task().id()).isEqualTo(first.task().id());
    assertThat(all.get(2).task().id()).isEqualTo(all.get(1).task().id());
  }

  /** A table of version 4, its full unique index still in place, de-duplicates as before. */
  @Test
  void aTableNotYetMigratedDeDuplicatesThroughItsFullIndex() throws Exception {
    String old = Services.randomPrefix();
    try {
      Dialect dialect = store.sql().dialect();
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement()) {
        for (String file : List.of(Schema.TASKS, Schema.SCHEDULING, Schema.INDEXES)) {
          for (String s : Schema.statements(Schema.script(dialect, file), old)) {
            st.execute(s);
          }
        }
      }
      JdbcTaskStore v4 = JdbcTaskStore.builder(ds).tablePrefix(old).build();
      Submission first = v4.create(task("report"));
      assertThat(v4.create(task("report")).task().id()).isEqualTo(first.task().id());
      assertThat(v4.createAll(List.of(task("report"), task(null))))
          .extracting(Submission::created)
          .containsExactly(false, true);
    } finally {
      Services.dropTables(ds, old);
    }
  }

  @Test
  void thePurgeAndTheTwinLookUpsReadThePartialIndexesOfADeepTable() throws Exception {
    fill();
    String active = store.sql().table("taskport_task_active_key_uq");
    String expires = store.sql().table("taskport_task_expires_idx");
    String key = "%064d".formatted(1);
    for (boolean generic : new boolean[] {false, true}) {
      assertReads(plan(Sweeps.PURGE_PICK, generic, 100), expires);
      assertReads(plan(Reads.BY_ACTIVE_KEY, generic, key), active);
      assertReads(plan(store.sql().in(Creates.TWINS, 2), generic, key, "%064d".formatted(5)),
          active);
    }
    int parameters = (int) Inserts.INSERT_TURNED_ON_CONFLICT.chars().filter(c -> c == '?').count();
    assertThat(plan(Inserts.INSERT_TURNED_ON_CONFLICT, false, new Object[parameters]))
        .anyMatch(line -> line.contains("Conflict Arbiter Indexes: " + active));
  }

  private static void assertReads(List<String> plan, String index) {
    assertThat(plan)
        .as(String.join("\n", plan))
        .anyMatch(line -> line.contains(" on " + index) || line.contains(" using " + index))
        .noneMatch(line -> line.contains("Seq Scan"));
  }

  private static NewTask task(String dedupKey) {
    return pendingExport().type("t0").dedupKey(dedupKey).build();
  }

  /**
   * {@value #TASKS} tasks: every other one ended (its expiry within the next hours, the first hour
   * of them due), a quarter PENDING with an active key, the rest PENDING without one.
   */
  private void fill() throws SQLException {
    Task seed = store.create(task(null)).task();
    String table = store.sql().table("taskport_task");
    String copy =
        TaskRows.COLUMNS
            .replaceFirst("\\bid\\b", "CONCAT('q-', n)")
            .replaceFirst("\\bstatus\\b",
                "CASE MOD(n, 2) WHEN 0 THEN 'COMPLETED' ELSE 'PENDING' END")
            .replaceFirst("\\bexpires_at\\b",
                "CASE MOD(n, 2) WHEN 0 THEN created_at + (n - 3600) * INTERVAL '1 second' END");
    String key = "CASE MOD(n, 4) WHEN 1 THEN LPAD(n::text, 64, '0') END";
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO " + table + " (" + TaskRows.COLUMNS
          + ", active_key, rank_at, fair_turn) SELECT " + copy + ", " + key
          + ", rank_at, fair_turn FROM " + table + " CROSS JOIN generate_series(1, " + TASKS
          + ") AS g(n) WHERE id = '" + seed.id().value() + "'");
      st.execute("ANALYZE " + table);
    }
  }

  /**
   * The plan of a statement for these parameters, or the generic plan that PostgreSQL caches for a
   * prepared statement planned once for any parameters.
   */
  private List<String> plan(String template, boolean generic, Object... args) throws SQLException {
    String sql = store.sql().of(template);
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      if (!generic) {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
          for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
              ps.setNull(i + 1, Types.OTHER);
            } else {
              ps.setObject(i + 1, args[i]);
            }
          }
          return lines(ps.executeQuery());
        }
      }
      String numbered = sql;
      List<String> literals = new ArrayList<>();
      for (int i = 1; numbered.contains("?"); i++) {
        numbered = numbered.replaceFirst("\\?", "\\$" + i);
        Object arg = args[i - 1];
        literals.add(arg instanceof String text ? "'" + text + "'" : String.valueOf(arg));
      }
      st.execute("SET plan_cache_mode = force_generic_plan");
      st.execute("PREPARE partial_keys_plan AS " + numbered);
      try {
        return lines(st.executeQuery(
            "EXPLAIN EXECUTE partial_keys_plan (" + String.join(", ", literals) + ")"));
      } finally {
        st.execute("DEALLOCATE partial_keys_plan");
        st.execute("RESET plan_cache_mode");
      }
    }
  }

  private static List<String> lines(ResultSet rs) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return lines;
  }

  private long count(String where) throws SQLException {
    return single("SELECT count(*) FROM " + store.sql().table("taskport_task") + " WHERE " + where);
  }

  /** The number of entries of an index of the table, rebuilt to count them. */
  private long entries(String index) throws SQLException {
    String name = store.sql().table(index);
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("REINDEX INDEX " + name);
    }
    return single("SELECT reltuples::bigint FROM pg_class WHERE relname = '" + name + "'");
  }

  private List<String> indexes() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = '"
            + store.sql().table("taskport_task") + "'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private long single(String query) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
