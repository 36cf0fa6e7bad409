package io.taskport.reliability;

import io.taskport.testkit.Services;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import redis.clients.jedis.RedisClient;

/** The stores the suite runs against, with where their servers are. */
enum Backend {
  MEMORY("in-memory", null),
  REDIS("Redis", env("TASKPORT_REDIS_URL", "redis://127.0.0.1:6379")),
  POSTGRES(
      "PostgreSQL", env("TASKPORT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres")),
  MARIADB("MariaDB", env("TASKPORT_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root&sslMode=disable"));

  private final String label;
  private final String url;

  Backend(String label, String url) {
    this.label = label;
    this.url = url;
  }

  String label() {
    return label;
  }

  String url() {
    return url;
  }

  boolean isJdbc() {
    return this == POSTGRES || this == MARIADB;
  }

  /** Whether worker JVMs can share this store: every store but the in-memory one. */
  boolean isShared() {
    return this != MEMORY;
  }

  /**
   * Checks that the server answers; skips the test with the reason when it does not, or fails it
   * when {@code TASKPORT_REQUIRE_SERVICES=true}.
   */
  void requireReachable() {
    switch (this) {
      case MEMORY -> {}
      case REDIS -> {
        try (RedisClient c = RedisClient.create(URI.create(url))) {
          c.ping();
        } catch (RuntimeException e) {
          Services.assume(false, label + " at " + url, e);
        }
      }
      case POSTGRES, MARIADB -> {
        try (Connection c = DriverManager.getConnection(url)) {
          c.isValid(5);
        } catch (SQLException e) {
          Services.assume(false, label + " at " + redact(url), e);
        }
      }
    }
  }

  /** The same URL with its host and port replaced, to go through a proxy. */
  String viaPort(int port) {
    return switch (this) {
      case MEMORY -> throw new IllegalStateException("the in-memory store has no server");
      case REDIS -> {
        URI u = URI.create(url);
        yield u.getScheme() + "://127.0.0.1:" + port + (u.getRawPath() == null ? "" : u.getRawPath());
      }
      case POSTGRES, MARIADB -> url.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
    };
  }

  /** The host and port of the server, for a proxy to forward to. */
  java.net.InetSocketAddress address() {
    return switch (this) {
      case MEMORY -> throw new IllegalStateException("the in-memory store has no server");
      case REDIS -> {
        URI u = URI.create(url);
        yield new java.net.InetSocketAddress(u.getHost(), u.getPort() < 0 ? 6379 : u.getPort());
      }
      case POSTGRES, MARIADB -> {
        URI u = URI.create(url.substring("jdbc:".length()));
        int dflt = this == POSTGRES ? 5432 : 3306;
        yield new java.net.InetSocketAddress(u.getHost(), u.getPort() < 0 ? dflt : u.getPort());
      }
    };
  }

  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
