package io.taskport.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.ImportRequest;
import io.taskport.RowCounts;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.excel.CsvFormat;
import io.taskport.excel.XlsxFormat;
import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.format.FormatOptions;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import io.taskport.handler.ImportContext;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.RowErrors;
import io.taskport.handler.RowMapping;
import io.taskport.store.InMemoryTaskStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Both reference handlers load exactly the rows of a real file into PostgreSQL. */
class TableImportIT {
  static final String URL = System.getenv().getOrDefault(
      "TASKPORT_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  /** A row of every column type. */
  record Item(Long id, String name, BigDecimal amount, LocalDate day, LocalDateTime at,
      Boolean active) {}

  static final List<Column<Item>> COLUMNS = List.of(
      Column.integer("ID", Item::id),
      Column.text("Name", Item::name),
      Column.decimal("Amount", Item::amount),
      Column.date("Day", Item::day),
      Column.datetime("At", Item::at),
      Column.bool("Active", Item::active));

  static final RowMapping<Item> MAPPING = RowMapping.builder(
          v -> new Item((Long) v[0], (String) v[1], (BigDecimal) v[2], (LocalDate) v[3],
              (LocalDateTime) v[4], (Boolean) v[5]))
      .required("ID", Long.class)
      .field("Name", String.class)
      .field("Amount", BigDecimal.class)
      .field("Day", LocalDate.class)
      .field("At", LocalDateTime.class)
      .field("Active", Boolean.class)
      .build();

  @TempDir Path dir;
  private final String table = "tp_load_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
  private PGSimpleDataSource ds;

  @BeforeEach
  void createTables() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL)) {
      c.isValid(5);
    } catch (SQLException e) {
      io.taskport.testkit.Services.assume(false, "PostgreSQL at " + URL.replaceAll("\\?.*", ""), e);
    }
    ds = new PGSimpleDataSource();
    ds.setURL(URL);
    sql("create table " + table + " (id bigint primary key, name text, amount numeric(14,2),"
        + " day date, at timestamp, active boolean)");
    sql(handler("copy", 2).progressTableDdl());
  }

  @AfterEach
  void dropTables() throws SQLException {
    if (ds != null) {
      sql("drop table if exists " + table);
      sql("drop table if exists " + table + "_progress");
    }
  }

  static List<Item> rows(int n) {
    List<Item> rows = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      rows.add(new Item((long) i, "item " + i, new BigDecimal(i * 37 % 10_000).movePointLeft(2),
          LocalDate.of(1999, 12, 31).plusDays(i), LocalDateTime.of(2024, 2, 29, 23, 59, 58)
          .plusSeconds(i), i % 2 == 0));
    }
    rows.set(2, new Item(3L, "say \"hi\",\nthen\ttab \\ back; 😀 𝄞 Zürich 上海", new BigDecimal("-12345678.90"),
        LocalDate.of(1899, 12, 31), LocalDateTime.of(2101, 1, 1, 0, 0, 1), false));
    rows.set(3, new Item(4L, null, null, null, null, null));
    rows.set(4, new Item(5L, "\\N", BigDecimal.ZERO.setScale(2), LocalDate.of(2000, 2, 29), null, true));
    rows.set(5, new Item(6L, "ß€\u0001", new BigDecimal("99999999.99"), LocalDate.of(9999, 12, 31),
        LocalDateTime.of(1900, 1, 1, 0, 0, 0, 5_000_000), false));
    return rows;
  }

  TableImport<Item> handler(String kind, int batch) {
    String progress = table + "_progress";
    List<String> columns = List.of("id", "name", "amount", "day", "at", "active");
    java.util.function.Function<Item, List<?>> values =
        r -> Arrays.asList(r.id(), r.name(), r.amount(), r.day(), r.at(), r.active());
    return kind.equals("copy")
        ? new CopyImport<>("items", MAPPING, ds, table, columns, values, progress, batch) {
          @Override
          public void check(Item row, RowErrors errors) {
            reject(row, errors);
          }
        }
        : new BatchInsertImport<>("items", MAPPING, ds, table, columns, values, progress, batch) {
          @Override
          public void check(Item row, RowErrors errors) {
            reject(row, errors);
          }
        };
  }

  static void reject(Item row, RowErrors errors) {
    if (row.id() == 7) {
      errors.add("ID", "7 is taken");
    }
  }

  @ParameterizedTest
  @CsvSource({"csv, copy", "csv, batch", "xlsx, copy", "xlsx, batch"})
  void loadsExactlyTheFilesRows(String format, String kind) throws Exception {
    List<Item> rows = rows(25);
    RowCounts counts = importFile(format, rows, handler(kind, 4), 1);

    List<Item> expected = new ArrayList<>(rows);
    expected.remove(6); // id 7, rejected
    assertThat(counts.imported()).isEqualTo(24);
    assertThat(counts.rejected()).isEqualTo(1);
    assertThat(load()).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @CsvSource({"csv, copy", "xlsx, batch"})
  void aRetryAfterABatchCommittedDoesNotLoadItTwice(String format, String kind) throws Exception {
    TableImport<Item> target = handler(kind, 4);
    AtomicInteger batches = new AtomicInteger();
    // commits the second batch, then fails before Taskport saves that it was accepted
    ImportHandler<Map<String, Object>, Item> crashing = new ImportHandler<>() {
      @Override public String type() {
        return target.type();
      }

      @Override public Class<Map<String, Object>> paramsType() {
        return target.paramsType();
      }

      @Override public RowMapping<Item> mapping() {
        return target.mapping();
      }

      @Override public void check(Item row, RowErrors errors) {
        target.check(row, errors);
      }

      @Override public int batchSize() {
        return target.batchSize();
      }

      @Override
      public void accept(ImportContext<Map<String, Object>> ctx, List<Item> batch)
          throws Exception {
        target.accept(ctx, batch);
        if (ctx.attempt() == 1 && batches.incrementAndGet() == 2) {
          throw new IllegalStateException("simulated crash after the commit (expected)");
        }
      }
    };
    List<Item> rows = rows(25);
    RowCounts counts = importFile(format, rows, crashing, 2);

    List<Item> expected = new ArrayList<>(rows);
    expected.remove(6);
    assertThat(counts.imported()).isEqualTo(24);
    assertThat(load()).containsExactlyElementsOf(expected);
  }

  private RowCounts importFile(String format, List<Item> rows,
      ImportHandler<Map<String, Object>, Item> handler, int attempts) throws Exception {
    TabularFormat f = format.equals("xlsx") ? new XlsxFormat() : new CsvFormat();
    Path file = dir.resolve("items." + f.extension());
    try (OutputStream out = Files.newOutputStream(file);
        RowWriter w = f.openWriter(out, COLUMNS, FormatOptions.defaults())) {
      for (Item r : rows) {
        w.write(Arrays.asList(r.id(), r.name(), r.amount(), r.day(), r.at(), r.active()));
      }
      w.finish();
    }
    try (TaskManager tasks = TaskManager.builder()
        .store(new InMemoryTaskStore())
        .files(new LocalFileStore(dir.resolve("files")))
        .importer(handler)
        .maxAttempts(attempts)
        .retryDelay(Duration.ofMillis(10), Duration.ofMillis(10))
        .build()) {
      tasks.start();
      TaskId id;
      try (InputStream in = Files.newInputStream(file)) {
        id = tasks.submit(ImportRequest.of("items", "it", file.getFileName().toString()), in).id();
      }
      CountDownLatch done = new CountDownLatch(1);
      try (var s = tasks.subscribe(id, "it", e -> {
        if (e.status().isTerminal()) {
          done.countDown();
        }
      })) {
        if (!tasks.get(id, "it").status().isTerminal()) {
          assertThat(done.await(60, TimeUnit.SECONDS)).as("import finished").isTrue();
        }
      }
      Task t = tasks.get(id, "it");
      assertThat(t.status()).as("%s", t.error()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(t.attempts().current()).isEqualTo(attempts);
      return t.result().counts();
    }
  }

  private List<Item> load() throws SQLException {
    List<Item> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select * from " + table + " order by id")) {
      while (r.next()) {
        out.add(new Item(r.getLong("id"), r.getString("name"), r.getBigDecimal("amount"),
            r.getObject("day", LocalDate.class), r.getObject("at", LocalDateTime.class),
            (Boolean) r.getObject("active")));
      }
    }
    return out;
  }

  private void sql(String sql) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
