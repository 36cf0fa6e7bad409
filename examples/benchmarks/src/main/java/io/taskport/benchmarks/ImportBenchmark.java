package io.taskport.benchmarks;

import io.taskport.ImportRequest;
import io.taskport.RowCounts;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.excel.CsvFormat;
import io.taskport.excel.XlsxFormat;
import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import io.taskport.handler.ImportContext;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.RowErrors;
import io.taskport.handler.RowMapping;
import io.taskport.store.InMemoryTaskStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Import throughput: rows per second through Taskport's whole import path (format detection,
 * header mapping, conversion, a per-row check, batches to a no-op {@code accept}), beside the
 * format's bare reader on the same file in the same run, with the heap in use after GC.
 *
 * <p>Run: {@code BENCH_HEAP=128m examples/benchmarks/bench ImportBenchmark csv 1000000} (or
 * {@code xlsx}).
 */
public final class ImportBenchmark {
  private ImportBenchmark() {}

  /** An imported row. */
  public record Account(long id, String name, String email, BigDecimal balance, LocalDate opened, Boolean active) {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "csv";
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    TabularFormat format = which.equals("xlsx") ? new XlsxFormat() : new CsvFormat();
    Path dir = Files.createTempDirectory("taskport-import-bench");
    try {
      Path file = dir.resolve("accounts." + format.extension());
      write(format, file, rows);
      System.out.printf(
          Locale.ROOT, "%s import, %,d rows, java %s, max heap %d MB%n", which, rows,
          System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
      long t0 = System.nanoTime();
      long read = readOnly(format, file);
      double raw = read / ((System.nanoTime() - t0) / 1e9);
      report("reader only", raw);
      t0 = System.nanoTime();
      RowCounts counts = importAll(format, file, dir.resolve("files"));
      double full = counts.total() / ((System.nanoTime() - t0) / 1e9);
      report("taskport import", full);
      System.out.printf(
          Locale.ROOT, "  counts %s; ratio import/reader: rows/s %.2f%n", counts, full / raw);
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void report(String what, double perSecond) {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf(
        Locale.ROOT, "%-16s %,12.0f rows/s   heap after GC %6.1f MB%n", what, perSecond, heap / 1e6);
  }

  private static void write(TabularFormat format, Path file, int rows) throws Exception {
    List<Column<Account>> columns =
        List.of(
            Column.integer("ID", Account::id),
            Column.text("Name", Account::name),
            Column.text("E-mail", Account::email),
            Column.decimal("Balance", Account::balance),
            Column.date("Opened", Account::opened),
            Column.bool("Active", Account::active));
    try (OutputStream out = Files.newOutputStream(file);
        RowWriter w = format.openWriter(out, columns, FormatOptions.defaults())) {
      for (int i = 1; i <= rows; i++) {
        Account a =
            new Account(
                i, "Customer " + i, "c" + i + "@example.com", BigDecimal.valueOf(i % 100_000, 2),
                LocalDate.of(2020, 1, 1).plusDays(i % 1500), i % 3 != 0);
        w.write(
            List.of(a.id(), a.name(), a.email(), a.balance(), a.opened(), a.active()));
      }
      w.finish();
    }
  }

  private static long readOnly(TabularFormat format, Path file) throws Exception {
    long n = 0;
    try (InputStream in = Files.newInputStream(file);
        RowReader r = format.openReader(in, FormatOptions.defaults())) {
      r.next(); // header
      for (Row row = r.next(); row != null; row = r.next()) {
        n++;
      }
    }
    return n;
  }

  static RowCounts importAll(TabularFormat format, Path file, Path files) throws Exception {
    try (TaskManager tasks =
        TaskManager.builder()
            .store(new InMemoryTaskStore())
            .files(new LocalFileStore(files))
            .format(format)
            .importer(new NoopImport())
            .build()) {
      tasks.start();
      TaskId id;
      try (InputStream in = Files.newInputStream(file)) {
        id = tasks.submit(ImportRequest.of("accounts", "bench", file.getFileName().toString()), in).id();
      }
      java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
      try (var s = tasks.subscribe(id, "bench", e -> {
        if (e.status().isTerminal()) {
          done.countDown();
        }
      })) {
        done.await();
      }
      Task t = tasks.get(id, "bench");
      if (t.result() == null) {
        throw new IllegalStateException("import ended " + t.status() + ": " + t.error());
      }
      return t.result().counts();
    }
  }

  /** Maps and checks every row; accepts batches without saving them. */
  static final class NoopImport implements ImportHandler<Map<String, Object>, Account> {
    @Override
    public String type() {
      return "accounts";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public Class<Map<String, Object>> paramsType() {
      return (Class) Map.class;
    }

    @Override
    public RowMapping<Account> mapping() {
      return RowMapping.builder(
              v -> new Account((Long) v[0], (String) v[1], (String) v[2], (BigDecimal) v[3],
                  (LocalDate) v[4], (Boolean) v[5]))
          .required("ID", Long.class)
          .required("Name", String.class)
          .required("E-mail", String.class)
          .field("Balance", BigDecimal.class)
          .field("Opened", LocalDate.class)
          .field("Active", Boolean.class)
          .build();
    }

    @Override
    public void check(Account row, RowErrors errors) {
      if (row.email().indexOf('@') < 1) {
        errors.add("E-mail", "is not an e-mail address");
      }
    }

    @Override
    public void accept(ImportContext<Map<String, Object>> ctx, List<Account> batch) {}
  }
}
