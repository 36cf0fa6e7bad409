package io.taskport.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real servers the ITs run against, and their data sources. An unreachable server skips the
 * test with the reason, unless {@code TASKPORT_REQUIRE_SERVICES=true} (CI), which makes it fail.
 */
final class Services {
  static final String PG_URL =
      env("TASKPORT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  static final String MYSQL_URL =
      env("TASKPORT_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root&sslMode=disable");

  private Services() {}

  /** Checks that the server answers, or skips (fails in CI) the calling test. */
  static String require(String name, String url) {
    try (Connection c = DriverManager.getConnection(url)) {
      c.isValid(5);
      return url;
    } catch (SQLException e) {
      // core's rule: skipped with the reason, failed when TASKPORT_REQUIRE_SERVICES=true
      io.taskport.testkit.Services.assume(false, name + " at " + redact(url), e);
      throw new AssertionError("unreachable", e);
    }
  }

  /** A plain, unpooled PostgreSQL data source: every call opens a new connection. */
  static DataSource postgresPlain() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(require("PostgreSQL", PG_URL));
    return ds;
  }

  /** A plain, unpooled MariaDB data source. */
  static DataSource mariadbPlain() {
    try {
      return new MariaDbDataSource(require("MariaDB", MYSQL_URL));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static HikariDataSource postgresPool(int size) {
    return pool(require("PostgreSQL", PG_URL), size);
  }

  static HikariDataSource mariadbPool(int size) {
    return pool(require("MariaDB", MYSQL_URL), size);
  }

  static HikariDataSource pool(String url, int size) {
    return pool(url, size, null);
  }

  /** A pool whose connections run {@code initSql} first, such as a session time zone. */
  static HikariDataSource pool(String url, int size, String initSql) {
    HikariConfig config = new HikariConfig();
    config.setConnectionInitSql(initSql);
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(10_000);
    config.setPoolName("taskport-test");
    return new HikariDataSource(config);
  }

  /** A random table prefix, so that test classes never share tables. */
  static String randomPrefix() {
    byte[] b = new byte[4];
    ThreadLocalRandom.current().nextBytes(b);
    return "t" + HexFormat.of().formatHex(b) + "_";
  }

  /** Drops every table of a prefix; quietly. */
  static void dropTables(DataSource ds, String prefix) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      String[] tables = {"taskport_task", "taskport_gate", "taskport_file_chunk", "taskport_file"};
      for (String t : tables) {
        st.execute("DROP TABLE IF EXISTS " + prefix + t);
      }
    }
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
