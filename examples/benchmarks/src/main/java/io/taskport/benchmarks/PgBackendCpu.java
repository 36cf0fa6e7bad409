package io.taskport.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time PostgreSQL's server processes spent for one client: the user and system time,
 * from {@code /proc/<pid>/stat}, of the backends whose {@code application_name} is the client's.
 * Works only when the server runs on this machine; a backend that ends between two readings loses
 * its time, so read before the pool closes.
 */
final class PgBackendCpu {
  private static final String PIDS =
      "SELECT pid FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()";

  private final String url;
  private final long tickNanos;

  PgBackendCpu(String url) {
    this.url = url;
    this.tickNanos = 1_000_000_000L / clockTicks();
  }

  /** Returns each backend's CPU time in nanoseconds, by pid. */
  Map<Integer, Long> read(String applicationName) throws SQLException {
    Map<Integer, Long> cpu = new HashMap<>();
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(PIDS)) {
      ps.setString(1, applicationName);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int pid = rs.getInt(1);
          long ticks = ticks(pid);
          if (ticks >= 0) {
            cpu.put(pid, ticks * tickNanos);
          }
        }
      }
    }
    return cpu;
  }

  /** The CPU spent between two readings; backends new in {@code after} count from zero. */
  static long between(Map<Integer, Long> before, Map<Integer, Long> after) {
    long sum = 0;
    for (Map.Entry<Integer, Long> e : after.entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return sum;
  }

  /** Whether this machine shows the server's processes at all. */
  boolean visible(String applicationName) throws SQLException {
    return !read(applicationName).isEmpty();
  }

  private static long ticks(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
      // the command name may hold spaces: fields count from the closing parenthesis
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return Long.parseLong(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
