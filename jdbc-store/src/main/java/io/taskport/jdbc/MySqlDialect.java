package io.taskport.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * MySQL 8 and MariaDB 10.6+: {@code DATETIME(3)} columns that hold UTC, written only from {@code
 * UTC_TIMESTAMP(3)}, so neither the session's nor the JVM's time zone takes part.
 */
final class MySqlDialect extends Dialect {
  static final MySqlDialect MYSQL = new MySqlDialect("mysql");
  static final MySqlDialect MARIADB = new MySqlDialect("mariadb");

  private final String name;

  private MySqlDialect(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  String now() {
    return "UTC_TIMESTAMP(3)";
  }

  @Override
  String plusMillis(String instant, String millis) {
    return "TIMESTAMPADD(MICROSECOND, " + millis + " * 1000, " + instant + ")";
  }

  @Override
  boolean insertReturning() {
    return this == MARIADB;
  }

  @Override
  @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
    LocalDateTime t = rs.getObject(column, LocalDateTime.class);
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }

  @Override
  void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    ps.setObject(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  @Override
  String insertGate() {
    return "INSERT IGNORE INTO {gate} (name, window_ms, starts) VALUES (?, 0, 0)";
  }
}
