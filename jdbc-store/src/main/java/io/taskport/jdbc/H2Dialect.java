package io.taskport.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * H2 2.2.220+: {@code TIMESTAMP(3) WITH TIME ZONE} columns, compared as instants. H2 applies {@code
 * LIMIT} before {@code SKIP LOCKED}, so claims are optimistic here.
 */
final class H2Dialect extends Dialect {
  static final H2Dialect INSTANCE = new H2Dialect();

  private H2Dialect() {}

  @Override
  public String name() {
    return "h2";
  }

  @Override
  String now() {
    return "CURRENT_TIMESTAMP(3)";
  }

  @Override
  String plusMillis(String instant, String millis) {
    return "DATEADD(MILLISECOND, CAST(" + millis + " AS BIGINT), " + instant + ")";
  }

  @Override
  boolean skipLockedBeforeLimit() {
    return false;
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
}
