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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schema version 5 on PostgreSQL: a task without a dedup key has no entry in the unique index of
 * active keys, and an unfinished task none in the expiry index; de-duplication, the look-ups of
 * twins and the purge still read those partial indexes.
 */
class PostgresPartialKeysIT {
  private static final int TASKS = 20_000;
  private static final Duration LEASE = Duration.ofMinutes(5);

  @RegisterExtension final ScratchStore db = new ScratchStore(Services::postgresPlain);

  @Test
  void onlyActiveKeyedTasksAreInTheUniqueIndexAndOnlyEndedOnesInTheExpiryIndex() throws Exception {
    // the keyed tasks are never changed, and every version of an unkeyed one (which the rebuild
    // below may still index while an older snapshot can see it) has no key and no expiry
    // before it ends: so each partial index holds exactly the rows named below
    for (int i = 0; i < 5; i++) {
      db.store.create(pendingExport().type("keyed").dedupKey("key-" + i).build());
    }
    for (int i = 0; i < 20; i++) {
      db.store.create(task(null));
    }
    List<Task> claimed = db.store.claim("w", Set.of("t0"), LEASE, 6);
    assertThat(claimed).hasSize(6);
    for (Task t : claimed.subList(0, 4)) {
      FileRef file = new FileRef("out/" + t.id().value(), "out.csv", 1, "text/csv");
      assertThat(db.store.complete(t.fence(), TaskResult.ofFile(file), Progress.NONE)).isTrue();
    }
    assertThat(count("active_key IS NOT NULL")).isEqualTo(5);
    assertThat(count("expires_at IS NOT NULL")).isEqualTo(4);
    // a rebuilt index's tuple count in pg_class is the number of entries the build wrote
    assertThat(entries("taskport_task_active_key_uq")).isEqualTo(5);
    assertThat(entries("taskport_task_expires_idx")).isEqualTo(4);
    Sql sql = db.store.sql();
    assertThat(indexes())
        .doesNotContain(
            sql.table("taskport_task_active_uq"), sql.table("taskport_task_expiry_idx"));
  }

  @Test
  void deDuplicationStillFindsTheActiveTwin() {
    Submission first = db.store.create(task("report"));
    Submission again = db.store.create(task("report"));
    assertThat(again.created()).isFalse();
    assertThat(again.task().id()).isEqualTo(first.task().id());
    List<Submission> all =
        db.store.createAll(List.of(task("report"), task("other"), task("other"), task(null)));
    assertThat(all).extracting(Submission::created).containsExactly(false, true, false, true);
    assertThat(all.get(0).task().id()).isEqualTo(first.task().id());
    assertThat(all.get(2).task().id()).isEqualTo(all.get(1).task().id());
  }

  /** A table of version 4, its full unique index still in place, de-duplicates as before. */
  @Test
  void aTableNotYetMigratedDeDuplicatesThroughItsFullIndex() throws Exception {
    String old = Services.randomPrefix();
    try {
      Dialect dialect = db.store.sql().dialect();
      try (Connection c = db.ds.getConnection();
          Statement st = c.createStatement()) {
        for (String file : List.of(Schema.TASKS, Schema.SCHEDULING, Schema.INDEXES)) {
          for (String s : Schema.statements(Schema.script(dialect, file), old)) {
            st.execute(s);
          }
        }
      }
      JdbcTaskStore v4 = JdbcTaskStore.builder(db.ds).tablePrefix(old).build();
      Submission first = v4.create(task("report"));
      assertThat(v4.create(task("report")).task().id()).isEqualTo(first.task().id());
      assertThat(v4.createAll(List.of(task("report"), task(null))))
          .extracting(Submission::created)
          .containsExactly(false, true);
    } finally {
      Services.dropTables(db.ds, old);
    }
  }

  @Test
  void thePurgeAndTheTwinLookUpsReadThePartialIndexesOfADeepTable() throws Exception {
    fill();
    String active = db.store.sql().table("taskport_task_active_key_uq");
    String expires = db.store.sql().table("taskport_task_expires_idx");
    String key = "%064d".formatted(1);
    for (boolean generic : new boolean[] {false, true}) {
      assertReads(plan(Sweeps.PURGE_PICK, generic, 100), expires);
      assertReads(plan(Reads.BY_ACTIVE_KEY, generic, key), active);
      assertReads(plan(db.store.sql().in(Creates.TWINS, 2), generic, key, "%064d".formatted(5)),
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
    Task seed = db.store.create(task(null)).task();
    String table = db.store.sql().table("taskport_task");
    String copy =
        TaskRows.COLUMNS
            .replaceFirst("\\bid\\b", "CONCAT('q-', n)")
            .replaceFirst("\\bstatus\\b",
                "CASE MOD(n, 2) WHEN 0 THEN 'COMPLETED' ELSE 'PENDING' END")
            .replaceFirst("\\bexpires_at\\b",
                "CASE MOD(n, 2) WHEN 0 THEN created_at + (n - 3600) * INTERVAL '1 second' END");
    String key = "CASE MOD(n, 4) WHEN 1 THEN LPAD(n::text, 64, '0') END";
    try (Connection c = db.ds.getConnection();
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
    String sql = db.store.sql().of(template);
    try (Connection c = db.ds.getConnection();
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
    String table = db.store.sql().table("taskport_task");
    return single("SELECT count(*) FROM " + table + " WHERE " + where);
  }

  /** The number of entries of an index of the table, rebuilt to count them. */
  private long entries(String index) throws SQLException {
    String name = db.store.sql().table(index);
    try (Connection c = db.ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("REINDEX INDEX " + name);
    }
    return single("SELECT reltuples::bigint FROM pg_class WHERE relname = '" + name + "'");
  }

  private List<String> indexes() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = db.ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = '"
            + db.store.sql().table("taskport_task") + "'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  private long single(String query) throws SQLException {
    try (Connection c = db.ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
