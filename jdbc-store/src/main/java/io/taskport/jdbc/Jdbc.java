package io.taskport.jdbc;

import io.taskport.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A tiny statement runner: each call borrows a connection, runs one statement or one short
 * transaction, and gives the connection back. No connection is kept between calls.
 */
final class Jdbc {
  /** Binds the parameters of a statement. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Maps the current row. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Work done on one connection inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs one statement in auto-commit mode and returns its update count. */
  int update(String op, String sql, Binder binder) {
    try (Connection c = dataSource.getConnection()) {
      return update(c, sql, binder);
    } catch (SQLException e) {
      throw failure(op, e);
    }
  }

  /** Runs one query in auto-commit mode. */
  <T> List<T> query(String op, String sql, Binder binder, RowMapper<T> mapper) {
    try (Connection c = dataSource.getConnection()) {
      return query(c, sql, binder, mapper);
    } catch (SQLException e) {
      throw failure(op, e);
    }
  }

  /** Runs one query that returns at most one row. */
  <T> Optional<T> queryOne(String op, String sql, Binder binder, RowMapper<T> mapper) {
    List<T> rows = query(op, sql, binder, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Runs work in one transaction, committed if it returns and rolled back if it throws. */
  <T> T transaction(String op, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      if (autoCommit) {
        c.setAutoCommit(false);
      }
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      } finally {
        if (autoCommit) {
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw failure(op, e);
    }
  }

  static int update(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    }
  }

  static <T> List<T> query(Connection c, String sql, Binder binder, RowMapper<T> mapper)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }
  }

  /**
   * Checks the update count of a statement that names one row by its key.
   *
   * @return whether the row was changed
   * @throws IllegalStateException if more than one row was changed: a bug or a broken schema
   */
  static boolean one(String op, int count) {
    if (count > 1) {
      throw new IllegalStateException(op + " changed " + count + " rows, expected at most 1");
    }
    return count == 1;
  }

  /** Returns whether the exception (or a cause) is an integrity violation, SQLState 23xxx. */
  static boolean isIntegrityViolation(@Nullable Throwable t) {
    return hasSqlStateClass(t, "23");
  }

  /**
   * Returns whether the database rolled the transaction back to break a deadlock or a
   * serialization conflict (SQLState 40xxx): nothing of it was applied, and running it again is
   * the documented remedy.
   */
  static boolean isRolledBack(@Nullable Throwable t) {
    return hasSqlStateClass(t, "40");
  }

  private static boolean hasSqlStateClass(@Nullable Throwable t, String stateClass) {
    for (Throwable e = t; e != null; e = e.getCause()) {
      if (e instanceof SQLException s) {
        for (SQLException n = s; n != null; n = n.getNextException()) {
          String state = n.getSQLState();
          if (state != null && state.startsWith(stateClass)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Runs an action again while the database rolls it back as a deadlock victim, a few times. */
  static <T> T retryingRollbacks(java.util.function.Supplier<T> action) {
    for (int tries = 1; ; tries++) {
      try {
        return action.get();
      } catch (StoreException e) {
        if (tries >= 5 || !isRolledBack(e)) {
          throw e;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(
            java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000L << tries));
      }
    }
  }

  static StoreException failure(String op, SQLException e) {
    return new StoreException(
        op + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
  }

  static void setNullableString(PreparedStatement ps, int i, @Nullable String s)
      throws SQLException {
    if (s == null) {
      ps.setNull(i, java.sql.Types.VARCHAR);
    } else {
      ps.setString(i, s);
    }
  }

  static void setNullableLong(PreparedStatement ps, int i, @Nullable Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, java.sql.Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
