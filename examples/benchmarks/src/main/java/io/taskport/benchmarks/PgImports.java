package io.taskport.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.taskport.ImportRequest;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.examples.quickstart.BatchInsertImport;
import io.taskport.examples.quickstart.CopyImport;
import io.taskport.examples.quickstart.TableImport;
import io.taskport.file.LocalFileStore;
import io.taskport.format.FormatOptions;
import io.taskport.format.Limits;
import io.taskport.handler.RowMapping;
import io.taskport.store.InMemoryTaskStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Imports of the benchmark's CSV and XLSX files, each timed from submit to the end of the task
 * on a running {@link TaskManager}, into a PostgreSQL table: a bare {@code COPY FROM
 * STDIN} of the CSV, and the Taskport imports through {@link CopyImport} and {@link
 * BatchInsertImport}. The table has a random name and is dropped by {@link #close()}.
 */
final class PgImports implements AutoCloseable {
  static final String URL = System.getenv().getOrDefault(
      "TASKPORT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
  private static final List<String> COLUMNS = List.of(
      "id", "name", "amount", "quantity", "day", "updated", "active", "city", "code", "note");

  /** The benchmark's row, as the import maps it. */
  record Item(Long id, String name, BigDecimal amount, Integer quantity, LocalDate day,
      LocalDateTime updated, Boolean active, String city, String code, String note) {}

  private static final RowMapping<Item> MAPPING = RowMapping.builder(
          v -> new Item((Long) v[0], (String) v[1], (BigDecimal) v[2], (Integer) v[3],
              (LocalDate) v[4], (LocalDateTime) v[5], (Boolean) v[6], (String) v[7],
              (String) v[8], (String) v[9]))
      .required("id", Long.class)
      .field("name", String.class)
      .field("amount", BigDecimal.class)
      .field("quantity", Integer.class)
      .field("day", LocalDate.class)
      .field("updated", LocalDateTime.class)
      .field("active", Boolean.class)
      .field("city", String.class)
      .field("code", String.class)
      .field("note", String.class)
      .build();

  private final PGSimpleDataSource ds = new PGSimpleDataSource();
  /** The handlers' connections, pooled as an application's would be; the bare COPY opens one. */
  private final HikariDataSource pool;
  private final String table = "bench_load_"
      + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
  private final TaskManager tasks;
  private volatile Consumer<Item> onRow = r -> { };

  PgImports(Path files) throws SQLException {
    ds.setURL(URL + (URL.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true");
    sql("create table " + table + " (id bigint, name text, amount numeric(12,2),"
        + " quantity int, day date, updated timestamp, active boolean, city text, code text,"
        + " note text)");
    HikariConfig config = new HikariConfig();
    config.setDataSource(ds);
    config.setMaximumPoolSize(2);
    config.setPoolName("bench-imports");
    pool = new HikariDataSource(config);
    TableImport<Item> copy = handler("copy");
    sql(copy.progressTableDdl());
    tasks = TaskManager.builder()
        .store(new InMemoryTaskStore())
        .files(new LocalFileStore(files))
        // the 1,000,000-row CSV is 114 MB, past the default 100 MB upload limit
        .formatOptions(FormatOptions.defaults().limits(Limits.defaults().maxBytes(1L << 30)))
        .importer(copy)
        .importer(handler("batch"))
        .build();
    tasks.start();
  }

  /** A bare {@code COPY FROM STDIN (FORMAT csv, HEADER)} of the file; returns rows loaded. */
  long bareCopy(Path csv, WriteBenchmark.Probe probe) throws Exception {
    truncate();
    long half = Files.size(csv) / 2;
    try (Connection c = ds.getConnection();
        InputStream in = new FilterInputStream(Files.newInputStream(csv)) {
          long read;

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (read < half && read + n >= half) {
              probe.accept(1); // the caller's probe samples at 1 of 2
            }
            read += Math.max(n, 0);
            return n;
          }
        }) {
      long loaded = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " ("
          + String.join(", ", COLUMNS) + ") from stdin (format csv, header true)", in, 1 << 16);
      check(loaded); // the same count(*) as the imports, so both times include it
      return loaded;
    }
  }

  private void check(long rows) throws SQLException {
    long loaded = count();
    if (loaded != rows) {
      throw new IllegalStateException("the table holds " + loaded + " rows, not " + rows);
    }
  }

  /** Imports the file through Taskport with the {@code copy} or {@code batch} handler. */
  long taskport(String kind, Path file, long rows, WriteBenchmark.Probe probe) throws Exception {
    truncate();
    AtomicLong seen = new AtomicLong();
    long mid = rows / 2;
    onRow = r -> {
      if (seen.incrementAndGet() == mid) {
        probe.accept(1); // the caller's probe samples at 1 of 2
      }
    };
    {
      TaskId id;
      try (InputStream in = Files.newInputStream(file)) {
        id = tasks.submit(ImportRequest.of(kind, "bench", file.getFileName().toString()), in)
            .id();
      }
      CountDownLatch done = new CountDownLatch(1);
      try (var s = tasks.subscribe(id, "bench", e -> {
        if (e.status().isTerminal()) {
          done.countDown();
        }
      })) {
        if (!tasks.get(id, "bench").status().isTerminal()) {
          done.await();
        }
      }
      Task t = tasks.get(id, "bench");
      if (t.result() == null || t.result().counts().rejected() > 0) {
        throw new IllegalStateException("import ended " + t.status() + ": " + t.error()
            + (t.result() == null ? "" : " " + t.result().counts()));
      }
      check(rows);
      return t.result().counts().imported();
    }
  }

  private TableImport<Item> handler(String kind) {
    Function<Item, List<?>> values = r -> {
      onRow.accept(r);
      return Arrays.asList(r.id(), r.name(), r.amount(), r.quantity(), r.day(), r.updated(),
          r.active(), r.city(), r.code(), r.note());
    };
    String progress = table + "_progress";
    return kind.equals("copy")
        ? new CopyImport<>("copy", MAPPING, pool, table, COLUMNS, values, progress, 20_000)
        : new BatchInsertImport<>("batch", MAPPING, pool, table, COLUMNS, values, progress, 2_000);
  }

  long count() throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  private void truncate() throws SQLException {
    sql("truncate " + table);
    sql("truncate " + table + "_progress");
  }

  private void sql(String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  public void close() throws SQLException {
    tasks.close();
    pool.close();
    sql("drop table if exists " + table);
    sql("drop table if exists " + table + "_progress");
  }
}
