package io.taskport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JdbcDialectTest {
  private static final List<JdbcDialect> DIALECTS =
      List.of(
          JdbcDialect.postgresql(), JdbcDialect.mysql(), JdbcDialect.mariadb(), JdbcDialect.h2());

  @Test
  void forProduct_picksTheDialectFromNameAndVersion() {
    assertThat(Dialect.forProduct("PostgreSQL", "15.20", 15, 20).name()).isEqualTo("postgresql");
    assertThat(Dialect.forProduct("MariaDB", "10.11.19-MariaDB-0+deb12u1", 10, 11).name())
        .isEqualTo("mariadb");
    assertThat(Dialect.forProduct("MySQL", "5.5.5-10.6.12-MariaDB", 5, 5).name())
        .isEqualTo("mariadb");
    assertThat(Dialect.forProduct("MySQL", "8.0.36", 8, 0).name()).isEqualTo("mysql");
    assertThat(Dialect.forProduct("H2", "2.5.252 (2025-10-01)", 2, 5).name()).isEqualTo("h2");
    assertThat(Dialect.forProduct("H2", "2.2.220 (2023-07-04)", 2, 2).name()).isEqualTo("h2");
  }

  @Test
  void forProduct_rejectsVersionsWithoutSkipLocked() {
    assertThatThrownBy(() -> Dialect.forProduct("PostgreSQL", "9.4", 9, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PostgreSQL 9.5");
    assertThatThrownBy(() -> Dialect.forProduct("MariaDB", "10.5.1-MariaDB", 10, 5))
        .hasMessageContaining("MariaDB 10.6");
    assertThatThrownBy(() -> Dialect.forProduct("MySQL", "5.7.40", 5, 7))
        .hasMessageContaining("MySQL 8");
    assertThatThrownBy(() -> Dialect.forProduct("H2", "2.1.214 (2022-06-13)", 2, 1))
        .hasMessageContaining("H2 2.2.220");
    assertThatThrownBy(() -> Dialect.forProduct("Oracle", "19c", 19, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported database 'Oracle");
  }

  @Test
  void detect_readsTheConnectionMetadata() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:detect");
    assertThat(JdbcDialect.detect(ds)).isSameAs(JdbcDialect.h2());
  }

  @Test
  void tablePrefix_mustBeAPlainIdentifier() {
    assertThat(Sql.checkPrefix("")).isEmpty();
    assertThat(Sql.checkPrefix("app_")).isEqualTo("app_");
    for (String bad : List.of("App_", "_x", "1x", "x-y", "x;drop table t", "a".repeat(31))) {
      assertThatThrownBy(() -> JdbcTaskStore.builder(new JdbcDataSource()).tablePrefix(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
    }
  }

  @Test
  void schema_appliesThePrefixToEveryTableAndIndex() {
    for (JdbcDialect d : DIALECTS) {
      for (String file : List.of(Schema.TASKS, Schema.FILES)) {
        List<String> statements = Schema.statements(Schema.script((Dialect) d, file), "app_");
        assertThat(statements).isNotEmpty();
        for (String s : statements) {
          assertThat(s.replace("app_taskport_", "")).doesNotContain("taskport_");
          assertThat(s).doesNotContain("--");
          if (!s.startsWith("ALTER TABLE app_taskport_task ADD COLUMN ")) {
            assertThat(s).contains("IF NOT EXISTS");
          }
        }
      }
    }
  }

  @Test
  void indexFile_isIdempotentAndRetiresTheStatusLedIndexes() {
    for (JdbcDialect d : DIALECTS) {
      Sql sql = new Sql((Dialect) d, "app_");
      List<String> statements = indexStatements(d, Schema.INDEXES);
      assertThat(Schema.retired(sql, Schema.RUNNING)).isEmpty();
      if (d == JdbcDialect.postgresql()) {
        assertThat(Schema.retired(sql, Schema.TASKS)).contains("app_taskport_task_claim_idx");
      } else {
        // no partial indexes: the status-led indexes stay, the one-type claim index included
        assertThat(statements).isEmpty();
        assertThat(Schema.retired(sql, Schema.TASKS)).isEmpty();
      }
    }
    assertThat(Schema.retired(new Sql((Dialect) JdbcDialect.postgresql(), ""), Schema.SCHEDULING))
        .containsExactlyInAnyOrder(
            "taskport_task_claim_idx",
            "taskport_task_due_idx",
            "taskport_task_lease_idx",
            "taskport_task_rank_idx",
            "taskport_task_fair_idx",
            "taskport_task_owner_status_idx",
            "taskport_task_fair_key_idx",
            "taskport_task_active_uq",
            "taskport_task_expiry_idx",
            "taskport_task_lease_running_idx");
  }

  @Test
  void partialKeysFile_isIdempotentAndRetiresTheFullKeyIndexesOnPostgres() {
    for (JdbcDialect d : DIALECTS) {
      Sql sql = new Sql((Dialect) d, "app_");
      List<String> statements = indexStatements(d, Schema.PARTIAL_KEYS);
      if (d == JdbcDialect.postgresql()) {
        assertThat(Schema.retired(sql, Schema.INDEXES))
            .containsExactlyInAnyOrder(
                "app_taskport_task_active_uq",
                "app_taskport_task_expiry_idx",
                "app_taskport_task_lease_running_idx");
        assertThat(Schema.retired(sql, Schema.TASKS))
            .contains("app_taskport_task_active_uq", "app_taskport_task_expiry_idx");
      } else {
        // no partial indexes: the full ones of version 1 stay
        assertThat(statements).isEmpty();
        assertThat(Schema.retired(sql, Schema.INDEXES)).isEmpty();
      }
    }
  }

  @Test
  void runningFile_indexesRunningTasksByTypeAndLeavesRoomForHotHeartbeatsOnPostgres() {
    for (JdbcDialect d : DIALECTS) {
      Sql sql = new Sql((Dialect) d, "app_");
      List<String> statements =
          Schema.statements(Schema.script((Dialect) d, Schema.RUNNING), "app_");
      if (d == JdbcDialect.postgresql()) {
        assertThat(statements)
            .containsExactly(
                "CREATE INDEX IF NOT EXISTS app_taskport_task_running_idx ON app_taskport_task"
                    + " (type)\n  WHERE status = 'RUNNING'",
                "DROP INDEX IF EXISTS app_taskport_task_lease_running_idx",
                "ALTER TABLE app_taskport_task SET (fillfactor = 80)");
        assertThat(Schema.retired(sql, Schema.PARTIAL_KEYS))
            .containsExactly("app_taskport_task_lease_running_idx");
      } else {
        assertThat(statements).isEmpty();
        assertThat(Schema.retired(sql, Schema.PARTIAL_KEYS)).isEmpty();
      }
    }
  }

  /** The statements of an index file, checked to be idempotent and to name prefixed indexes. */
  private static List<String> indexStatements(JdbcDialect d, String file) {
    List<String> statements = Schema.statements(Schema.script((Dialect) d, file), "app_");
    for (String s : statements) {
      assertThat(s.replace("app_taskport_", "")).doesNotContain("taskport_");
      assertThat(s).containsAnyOf("IF NOT EXISTS", "IF EXISTS");
    }
    return statements;
  }

  /** The create's conflict target names the predicate of PostgreSQL's partial unique index. */
  @Test
  void createOnConflict_repeatsThePredicateOfThePartialUniqueIndex() {
    String script = Schema.script((Dialect) JdbcDialect.postgresql(), Schema.PARTIAL_KEYS);
    assertThat(script).contains("(active_key)\n  WHERE active_key IS NOT NULL");
    assertThat(Inserts.INSERT_TURNED_ON_CONFLICT)
        .contains("ON CONFLICT (active_key) WHERE active_key IS NOT NULL DO NOTHING");
  }

  /** PostgreSQL uses a partial index only for a statement that repeats its predicate literally. */
  @Test
  void claims_repeatThePredicateOfThePostgresPartialIndexes() {
    Sql sql = new Sql((Dialect) JdbcDialect.postgresql(), "");
    String script = Schema.script(sql.dialect(), Schema.INDEXES);
    assertThat(script)
        .contains("(rank_at, type)\n  WHERE status = 'PENDING'")
        .contains("(fair_turn, rank_at, type)\n  WHERE status = 'PENDING'")
        .contains("(lease_until)\n  WHERE status = 'RUNNING'");
    for (boolean fair : List.of(false, true)) {
      assertThat(Claims.pick(sql, 2, fair))
          .contains("WHERE status = 'PENDING' AND type IN (?, ?)");
    }
  }
}
