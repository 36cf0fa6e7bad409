package io.taskport.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** Applies the schema files shipped under {@code io/taskport/jdbc/schema/<dialect>/}. */
final class Schema {
  static final String TASKS = "V1__taskport_task.sql";
  static final String FILES = "V2__taskport_file.sql";
  static final String SCHEDULING = "V3__taskport_scheduling.sql";
  static final String INDEXES = "V4__taskport_task_indexes.sql";
  static final String PARTIAL_KEYS = "V5__taskport_task_partial_keys.sql";
  static final String RUNNING = "V6__taskport_task_running.sql";

  /** The files of the task table, in version order. */
  static final List<String> TASK_FILES = List.of(TASKS, SCHEDULING, INDEXES, PARTIAL_KEYS, RUNNING);

  /** MySQL's "duplicate column" and "duplicate key name": a re-run of an ALTER it cannot skip. */
  private static final Set<Integer> ALREADY_THERE = Set.of(1060, 1061);

  /** MySQL's "can't drop": a re-run of a DROP INDEX, which has no IF EXISTS there. */
  private static final Set<Integer> ALREADY_GONE = Set.of(1091);

  private static final Pattern CREATE_INDEX =
      Pattern.compile("CREATE (?:UNIQUE )?INDEX (?:IF NOT EXISTS )?(\\w+) .*", Pattern.DOTALL);

  private static final Pattern DROP_INDEX =
      Pattern.compile("DROP INDEX (?:IF EXISTS )?(\\w+).*", Pattern.DOTALL);

  /** A column added after the table's first release: {@code ALTER TABLE t ADD COLUMN c ...}. */
  private static final Pattern ADD_COLUMN =
      Pattern.compile(
          "ALTER TABLE (\\w+) ADD COLUMN (?:IF NOT EXISTS )?(\\w+) .*", Pattern.DOTALL);

  private Schema() {}

  /** Runs schema files in the order given; see {@link #create(DataSource, Sql, String)}. */
  static void create(DataSource dataSource, Sql sql, String... files) {
    for (String file : files) {
      create(dataSource, sql, file);
    }
  }

  /**
   * Runs a schema file; every statement is idempotent: {@code IF NOT EXISTS}, or an added column
   * that is only added to a table that lacks it (which upgrades a table of an earlier version).
   * An index that a later file of the task table drops is not created, so that a start does not
   * build an index only to drop it again.
   */
  static void create(DataSource dataSource, Sql sql, String file) {
    List<String> statements =
        new ArrayList<>(statements(script(sql.dialect(), file), sql.prefix()));
    Set<String> retired = retired(sql, file);
    statements.removeIf(
        s -> {
          Matcher created = CREATE_INDEX.matcher(s);
          return created.matches() && retired.contains(created.group(1));
        });
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

  /** Returns the names of the indexes that the task-table files after this one drop. */
  static Set<String> retired(Sql sql, String file) {
    Set<String> names = new HashSet<>();
    int at = TASK_FILES.indexOf(file);
    if (at < 0) {
      return names;
    }
    for (String later : TASK_FILES.subList(at + 1, TASK_FILES.size())) {
      for (String s : statements(script(sql.dialect(), later), sql.prefix())) {
        Matcher dropped = DROP_INDEX.matcher(s);
        if (dropped.matches()) {
          names.add(dropped.group(1));
        }
      }
    }
    return names;
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
          boolean rerun =
              (ALREADY_THERE.contains(e.getErrorCode())
                      && (s.startsWith("ALTER") || s.startsWith("CREATE INDEX")))
                  || (ALREADY_GONE.contains(e.getErrorCode()) && s.startsWith("DROP INDEX"));
          if (!rerun) {
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
