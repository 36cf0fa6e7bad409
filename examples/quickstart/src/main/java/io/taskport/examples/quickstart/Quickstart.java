package io.taskport.examples.quickstart;

import io.taskport.ExportRequest;
import io.taskport.ImportRequest;
import io.taskport.Progress;
import io.taskport.RowCounts;
import io.taskport.Task;
import io.taskport.TaskEvent;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.excel.CsvFormat;
import io.taskport.excel.XlsxFormat;
import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import io.taskport.store.InMemoryTaskStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Exports 200,000 generated accounts to XLSX with a live progress bar, then imports the file back
 * with a few rows broken, and prints the counts and where the error report is.
 *
 * <p>Run: {@code mvn -q -pl examples/quickstart -am install -DskipTests && mvn -q -pl
 * examples/quickstart exec:java}. Optional arguments: the number of rows, and {@code csv}. The
 * files go to {@code examples/quickstart/target/quickstart} (or the directory in the system property
 * {@code taskport.quickstart.dir}), which each run empties first, so runs do not pile up.
 */
public final class Quickstart {
  private final PrintStream out;
  private final Path dir;

  Quickstart(PrintStream out, Path dir) {
    this.out = out;
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    String format = args.length > 1 ? args[1] : "xlsx";
    Path dir = Path.of(System.getProperty("taskport.quickstart.dir", "target/quickstart"));
    emptyDirectory(dir);
    new Quickstart(System.out, dir).run(rows, format);
  }

  /** Runs the export and the import in XLSX; returns the import's counts. */
  RowCounts run(int rows) throws Exception {
    return run(rows, "xlsx");
  }

  /** Runs the export and the import in a format ({@code xlsx} or {@code csv}). */
  RowCounts run(int rows, String formatName) throws Exception {
    TabularFormat format = formatName.equals("csv") ? new CsvFormat() : new XlsxFormat();
    AccountImport importer = new AccountImport();
    LocalFileStore files = new LocalFileStore(dir);
    try (TaskManager tasks =
        TaskManager.builder()
            .store(new InMemoryTaskStore())
            .files(files)
            .workers(2)
            .progressInterval(Duration.ofMillis(100)) // a smooth bar; the default is 1 s
            .export(new AccountExport())
            .importer(importer)
            .build()) {
      tasks.start();
      String user = "ann";

      String upper = format.name().toUpperCase(java.util.Locale.ROOT);
      out.println("Exporting " + rows + " accounts to " + upper + "…");
      TaskId exportId =
          tasks
              .submit(
                  ExportRequest.of("accounts", user)
                      .format(format.name())
                      .params(Map.of("rows", rows)))
              .id();
      Task exported = watch(tasks, exportId, user);
      Path file = files.root().resolve(exported.result().file().key());
      out.println("Export " + exported.status() + ": " + file);

      Path broken = dir.resolve("accounts-with-errors." + format.extension());
      breakSomeRows(format, file, broken);
      out.println("Importing it back with 3 broken rows…");
      TaskId importId;
      try (InputStream upload = Files.newInputStream(broken)) {
        importId =
            tasks
                .submit(ImportRequest.of("accounts", user, "accounts." + format.extension()), upload)
                .id();
      }
      Task imported = watch(tasks, importId, user);
      RowCounts counts = imported.result().counts();
      out.printf(
          "Import %s: %d rows, %d imported, %d rejected, %d skipped%n",
          imported.status(), counts.total(), counts.imported(), counts.rejected(), counts.skipped());
      out.println("Error report: " + files.root().resolve(imported.result().errorReport().key()));
      return counts;
    }
  }

  /** Creates the directory, or deletes what an earlier run left in it. */
  static void emptyDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }

  /** Shows a progress bar until the task ends, then the time it took, and returns the task. */
  private Task watch(TaskManager tasks, TaskId id, String user) throws InterruptedException {
    long start = System.nanoTime();
    CountDownLatch done = new CountDownLatch(1);
    try (var s =
        tasks.subscribe(
            id,
            user,
            (TaskEvent e) -> {
              bar(e.progress());
              if (e.status().isTerminal()) {
                done.countDown();
              }
            })) {
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("task " + id + " did not finish in 10 minutes");
      }
    }
    Task task = tasks.get(id, user);
    long rows = task.progress().done();
    bar(task.status() == TaskStatus.COMPLETED ? Progress.of(rows, rows) : task.progress());
    double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
    out.printf(" in %.1f s, %,d rows/s%n", seconds, Math.round(rows / seconds));
    return task;
  }

  /** Draws the bar; while the total is unknown (an upload's rows), a block runs along it. */
  private void bar(Progress p) {
    int width = 40;
    double f = p.fraction();
    if (f < 0 && p.done() > 0) {
      int at = (int) (p.done() / 2_000 % (width - 4));
      out.printf(
          "\r[%s####%s]      %,d rows", " ".repeat(at), " ".repeat(width - 4 - at), p.done());
    } else {
      int filled = (int) Math.round(Math.max(0, f) * width);
      out.printf(
          "\r[%s%s] %3d%% %,d rows",
          "#".repeat(filled), " ".repeat(width - filled), Math.round(Math.max(0, f) * 100),
          p.done());
    }
    out.flush();
  }

  /** Copies the export, breaking the e-mail of row 10, the balance of 500 and the date of 1234. */
  private static void breakSomeRows(TabularFormat format, Path from, Path to) throws Exception {
    FormatOptions options = FormatOptions.defaults().escapeFormulas(false);
    try (InputStream in = Files.newInputStream(from);
        RowReader reader = format.openReader(in, options);
        OutputStream os = Files.newOutputStream(to)) {
      Row header = reader.next();
      List<Column<List<String>>> columns = new ArrayList<>();
      for (int i = 0; i < header.cells().size(); i++) {
        int c = i;
        columns.add(Column.text(header.cells().get(i), r -> r.get(c)));
      }
      try (RowWriter writer = format.openWriter(os, columns, options)) {
        for (Row row = reader.next(); row != null; row = reader.next()) {
          List<String> cells = new ArrayList<>(row.cells());
          long n = row.number() - 1;
          if (n == 10) {
            cells.set(2, "not-an-email");
          } else if (n == 500) {
            cells.set(3, "lots");
          } else if (n == 1234) {
            cells.set(4, "31/31/2024");
          }
          writer.write(cells);
        }
        writer.finish();
      }
    }
  }
}
