package io.taskport.jdbc;

import static java.util.Objects.requireNonNull;

import io.taskport.StoreException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The SQL flavour of a database: how it reads the current time, adds milliseconds to it, binds
 * instants in UTC, and which schema file creates its tables. Only the built-in dialects exist;
 * choose one by name or let {@link #detect(DataSource)} pick it.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public sealed interface JdbcDialect permits Dialect {

  /**
   * Returns the dialect's name: {@code postgresql}, {@code mysql}, {@code mariadb} or {@code h2}.
   */
  String name();

  /** Returns the dialect of PostgreSQL 9.5 or later. */
  static JdbcDialect postgresql() {
    return PostgresDialect.INSTANCE;
  }

  /** Returns the dialect of MySQL 8.0.1 or later. */
  static JdbcDialect mysql() {
    return MySqlDialect.MYSQL;
  }

  /** Returns the dialect of MariaDB 10.6 or later. */
  static JdbcDialect mariadb() {
    return MySqlDialect.MARIADB;
  }

  /** Returns the dialect of H2 2.2.220 or later. */
  static JdbcDialect h2() {
    return H2Dialect.INSTANCE;
  }

  /**
   * Detects the dialect from the product name and version the database reports; opens one
   * connection for it.
   *
   * @throws IllegalArgumentException if the database, or its version, is not supported
   * @throws StoreException if no connection could be opened
   */
  static JdbcDialect detect(DataSource dataSource) {
    requireNonNull(dataSource, "dataSource");
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData md = c.getMetaData();
      return Dialect.forProduct(
          md.getDatabaseProductName(),
          md.getDatabaseProductVersion(),
          md.getDatabaseMajorVersion(),
          md.getDatabaseMinorVersion());
    } catch (SQLException e) {
      throw Jdbc.failure("detecting the database dialect", e);
    }
  }
}
