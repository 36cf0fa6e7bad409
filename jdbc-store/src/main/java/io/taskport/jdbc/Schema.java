package io.taskport.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Applies the schema files shipped under {@code io/taskport/jdbc/schema/<dialect>/}. */
final class Schema {
  static final String TASKS = "V1__taskport_task.sql";
  static final String FILES = "V2__taskport_file.sql";
  static final String SCHEDULING = "V3__taskport_scheduling.sql";

  /** MySQL's "duplicate column" and "duplicate key name": a re-run of an ALTER it cannot skip. */
  private static final java.util.Set<Integer> ALREADY_THERE = java.util.Set.of(1060, 1061);

  /** A column added after the table's first release: {@code ALTER TABLE t ADD COLUMN c ...}. */
  private static final Pattern ADD_COLUMN =
      Pattern.compile(
          "ALTER TABLE (\\w+) ADD COLUMN (?:IF NOT EXISTS )?(\\w+) .*", Pattern.DOTALL);

  private Schema() {}

  /**
   * Runs a schema file; every statement is idempotent: {@code IF NOT EXISTS}, or an added column
   * that is only added to a table that lacks it (which upgrades a table of an earlier version).
   */
  static void create(DataSource dataSource, Sql sql, String file) {
    List<String> statements = statements(script(sql.dialect(), file), sql.prefix());
    try {
      run(dataSource, statements);
    } catch (SQLException first) {
      // two nodes creating the same table at once can collide in the catalog; the second run
      // then finds everything in place
      try {
        run(dataSource, statements);
      } catch (SQLException again) {
        again.addSuppressed(first);
        throw Jdbc.failure("creating the schema from " + file, again);
      }
    }
  }

  /** Returns the text of a schema file of a dialect, as shipped. */
  static String script(Dialect dialect, String file) {
    String path = "schema/" + dialect.schemaFolder() + "/" + file;
    try (InputStream in = Schema.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource io/taskport/jdbc/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits a script into statements and applies the table prefix to every name. */
  static List<String> statements(String script, String prefix) {
    StringBuilder body = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        body.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String s : body.toString().split(";")) {
      if (!s.isBlank()) {
        statements.add(s.strip().replace("taskport_", prefix + "taskport_"));
      }
    }
    return statements;
  }

  private static void run(DataSource dataSource, List<String> statements) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      for (String s : statements) {
        Matcher added = ADD_COLUMN.matcher(s);
        if (added.matches() && hasColumn(c, added.group(1), added.group(2))) {
          continue;
        }
        try {
          st.execute(s);
        } catch (SQLException e) {
          if (!ALREADY_THERE.contains(e.getErrorCode()) || !s.startsWith("ALTER")
              && !s.startsWith("CREATE INDEX")) {
            throw e;
          }
        }
      }
    }
  }

  /** Returns whether a table has a column, asking the table itself (no catalog case rules). */
  static boolean hasColumn(Connection c, String table, String column) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.executeQuery("SELECT " + column + " FROM " + table + " WHERE 1 = 0").close();
      return true;
    } catch (SQLException missing) {
      // 42703: PostgreSQL's undefined column; 42S22: H2's, MySQL's and MariaDB's unknown column
      if ("42703".equals(missing.getSQLState()) || "42S22".equals(missing.getSQLState())) {
        return false;
      }
      throw missing;
    }
  }
}
