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

  /**
   * The start of the statement, not of the transaction ({@code CURRENT_TIMESTAMP}): a claim
   * under a cluster-wide limit first waits for its gate row, and its lease must count from when
   * it stamps the tasks, not from before the wait.
   */
  @Override
  String now() {
    return "CAST(statement_timestamp() AS TIMESTAMP(3) WITH TIME ZONE)";
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
  @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
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
