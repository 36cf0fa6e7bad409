package io.taskport.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskport.TaskId;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.jdbc.JdbcFileStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Size and speed of {@link JdbcFileStore}: writes and reads one file of random bytes (like an XLSX,
 * which is already compressed) and one of CSV text, and reports MB/s both ways and the bytes the
 * database holds for them. Run it with a heap smaller than the file to see that nothing holds the
 * whole file.
 *
 * <p>Arguments: {@code [pg|mariadb] [MiB per file]}.
 */
public final class JdbcFileStoreBenchmark {
  private JdbcFileStoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    boolean pg = args.length == 0 || args[0].equals("pg");
    int mib = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    String url =
        pg
            ? env("TASKPORT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres")
            : env("TASKPORT_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/test?user=root&sslMode=disable");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(2);
    try (HikariDataSource ds = new HikariDataSource(config)) {
      // each kind in its own tables, so that one file's freed space does not count for the next
      for (String kind : new String[] {"random", "csv"}) {
        String prefix =
            "bench" + Integer.toHexString(ThreadLocalRandom.current().nextInt() >>> 8) + "_";
        try {
          JdbcFileStore files =
              JdbcFileStore.builder(ds).tablePrefix(prefix).createSchema(true).build();
          measure(ds, pg, prefix, files, kind, (long) mib << 20);
        } finally {
          try (Connection c = ds.getConnection();
              Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + prefix + "taskport_file_chunk");
            st.execute("DROP TABLE IF EXISTS " + prefix + "taskport_file");
          }
        }
      }
    }
  }

  private static void measure(
      HikariDataSource ds, boolean pg, String prefix, JdbcFileStore files, String kind, long size)
      throws Exception {
    long t0 = System.nanoTime();
    FileRef ref;
    try (FileDraft d = files.create(TaskId.random(), kind + ".bin", "application/octet-stream")) {
      write(d.stream(), kind, size);
      ref = d.commit();
    }
    long t1 = System.nanoTime();
    long read = 0;
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = files.open(ref)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        read += n;
      }
    }
    long t2 = System.nanoTime();
    long stored = stored(ds, pg, prefix);
    System.out.printf(
        Locale.ROOT,
        "%-8s %-6s file=%,d B  stored=%,d B (%.2f x)  write=%.1f MB/s  read=%.1f MB/s"
            + "  heap max=%d MiB%n",
        pg ? "postgres" : "mariadb",
        kind,
        ref.size(),
        stored,
        (double) stored / ref.size(),
        size / 1e6 / ((t1 - t0) / 1e9),
        read / 1e6 / ((t2 - t1) / 1e9),
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static void write(OutputStream out, String kind, long size) throws Exception {
    Random random = new Random(42);
    byte[] block = new byte[64 * 1024];
    long left = size;
    long row = 0;
    while (left > 0) {
      if (kind.equals("random")) {
        random.nextBytes(block);
      } else {
        StringBuilder sb = new StringBuilder(block.length + 200);
        while (sb.length() < block.length) {
          sb.append(row++)
              .append(",ACME Corp ")
              .append(random.nextInt(10_000))
              .append(",")
              .append(random.nextInt(1_000_000) / 100.0)
              .append(",2026-11-")
              .append(10 + random.nextInt(18))
              .append(",\"Street ")
              .append(random.nextInt(500))
              .append("\"\n");
        }
        System.arraycopy(sb.toString().getBytes(StandardCharsets.UTF_8), 0, block, 0, block.length);
      }
      int n = (int) Math.min(block.length, left);
      out.write(block, 0, n);
      left -= n;
    }
  }

  /** Bytes the database holds for both tables, indexes and TOAST included. */
  private static long stored(HikariDataSource ds, boolean pg, String prefix) throws Exception {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      String sql;
      if (pg) {
        st.execute("VACUUM " + prefix + "taskport_file_chunk");
        sql =
            "SELECT pg_total_relation_size('"
                + prefix
                + "taskport_file_chunk')"
                + " + pg_total_relation_size('"
                + prefix
                + "taskport_file')";
      } else {
        st.execute("ANALYZE TABLE " + prefix + "taskport_file_chunk, " + prefix + "taskport_file");
        sql =
            "SELECT SUM(data_length + index_length) FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name LIKE '"
                + prefix
                + "taskport_file%'";
      }
      try (ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
