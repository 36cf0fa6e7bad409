package io.taskport.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** PostgreSQL: {@code TIMESTAMP(3) WITH TIME ZONE} columns, so the session zone never matters. */
final class PostgresDialect extends Dialect {
  static final PostgresDialect INSTANCE = new PostgresDialect();

  private PostgresDialect() {}

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  String now() {
    return "CURRENT_TIMESTAMP(3)";
  }

  @Override
  String plusMillis(String instant, String millis) {
    return "(" + instant + " + CAST(" + millis + " AS BIGINT) * INTERVAL '1 millisecond')";
  }

  @Override
  boolean returning() {
    return true;
  }

  @Override
  boolean notifies() {
    return true;
  }

  @Override
  @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  @Override
  void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
  }

  @Override
  String insertGate() {
    return "INSERT INTO {gate} (name, window_ms, starts) VALUES (?, 0, 0) ON CONFLICT DO NOTHING";
  }
}
