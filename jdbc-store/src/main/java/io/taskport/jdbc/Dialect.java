package io.taskport.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The built-in dialects' shared shape; every SQL difference between databases is here. */
abstract sealed class Dialect implements JdbcDialect
    permits PostgresDialect, MySqlDialect, H2Dialect {
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

  /** The SQL expression of the database's current time in UTC, at millisecond precision. */
  abstract String now();

  /** The SQL expression of {@code instant} plus {@code millis} milliseconds (both SQL). */
  abstract String plusMillis(String instant, String millis);

  /** Reads a timestamp column, by its position from 1, as an instant. */
  abstract @Nullable Instant instant(ResultSet rs, int column) throws SQLException;

  /** Reads a timestamp column as an instant. */
  final @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    return instant(rs, rs.findColumn(column));
  }

  /** Binds an instant for a comparison (never to write a time: times come from {@link #now}). */
  abstract void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException;

  /**
   * Whether {@code LIMIT 1 FOR UPDATE SKIP LOCKED} skips locked rows before it counts to the limit.
   * H2 counts first, so a claimer behind a locked row would find nothing; H2 claims optimistically
   * instead.
   */
  boolean skipLockedBeforeLimit() {
    return true;
  }

  /**
   * Whether {@code INSERT} and {@code UPDATE} take {@code RETURNING}, so that create and claim are
   * one statement (one round trip) each.
   */
  boolean returning() {
    return false;
  }

  /**
   * Whether {@code INSERT} takes {@code RETURNING} (PostgreSQL, MariaDB 10.5+), so that create is
   * one statement.
   */
  boolean insertReturning() {
    return returning();
  }

  /**
   * Whether the store sends {@code NOTIFY} when a task becomes due and idle workers can {@code
   * LISTEN} for it (PostgreSQL).
   */
  boolean notifies() {
    return false;
  }

  /**
   * The statement that creates a gate row named by its one parameter unless it exists; a plain
   * insert, whose duplicate-key error the caller ignores, where there is no quiet form.
   */
  String insertGate() {
    return "INSERT INTO {gate} (name, window_ms, starts) VALUES (?, 0, 0)";
  }

  /** The folder of this dialect's schema files under {@code io/taskport/jdbc/schema}. */
  String schemaFolder() {
    return name();
  }

  @Override
  public String toString() {
    return "JdbcDialect[" + name() + "]";
  }

  static Dialect forProduct(String product, String version, int major, int minor) {
    String name = product == null ? "" : product.trim().toLowerCase(Locale.ROOT);
    String v = version == null ? "" : version;
    switch (name) {
      case "postgresql" -> {
        require(atLeast(major, minor, 9, 5), product, v, "PostgreSQL 9.5");
        return PostgresDialect.INSTANCE;
      }
      case "mariadb" -> {
        require(atLeast(major, minor, 10, 6), product, v, "MariaDB 10.6");
        return MySqlDialect.MARIADB;
      }
      case "mysql" -> {
        // older MariaDB drivers, and MySQL's driver on MariaDB, report "MySQL"
        if (v.toLowerCase(Locale.ROOT).contains("mariadb")) {
          int[] mv = parse(v.replaceFirst("^5\\.5\\.5-", ""));
          require(atLeast(mv[0], mv[1], 10, 6), product, v, "MariaDB 10.6");
          return MySqlDialect.MARIADB;
        }
        require(atLeast(major, minor, 8, 0), product, v, "MySQL 8.0.1");
        return MySqlDialect.MYSQL;
      }
      case "h2" -> {
        int[] hv = parse(v);
        boolean ok = atLeast(hv[0], hv[1], 2, 3) || (hv[0] == 2 && hv[1] == 2 && hv[2] >= 220);
        require(ok, product, v, "H2 2.2.220");
        return H2Dialect.INSTANCE;
      }
      default ->
          throw new IllegalArgumentException(
              "unsupported database '"
                  + product
                  + " "
                  + v
                  + "'; supported are PostgreSQL 9.5+, MySQL 8.0.1+, MariaDB 10.6+ and H2"
                  + " 2.2.220+");
    }
  }

  private static boolean atLeast(int major, int minor, int wantMajor, int wantMinor) {
    return major > wantMajor || (major == wantMajor && minor >= wantMinor);
  }

  private static int[] parse(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.find()) {
      return new int[] {0, 0, 0};
    }
    int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch};
  }

  private static void require(boolean ok, String product, String version, String minimum) {
    if (!ok) {
      throw new IllegalArgumentException(
          product + " " + version + " lacks SKIP LOCKED; Taskport needs " + minimum + " or later");
    }
  }
}
