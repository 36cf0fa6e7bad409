package io.taskport.benchmarks;

import io.taskport.excel.CsvFormat;
import io.taskport.excel.XlsxFormat;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Writes and reads N rows of ten mixed columns through Taskport's formats and, in the same JVM,
 * straight through commons-csv and POI, printing rows per second, heap in use after GC (sampled
 * half-way, while the file is open) and file size, with the ratio Taskport/raw.
 *
 * <pre>
 * java -Xmx128m -cp ... io.taskport.benchmarks.FormatBenchmark csv  1000000
 * java -Xmx128m -cp ... io.taskport.benchmarks.FormatBenchmark xlsx 1000000
 * java -Xmx64m  -cp ... io.taskport.benchmarks.FormatBenchmark sst  1000000   (2,000,000 unique strings)
 * </pre>
 */
public final class FormatBenchmark {
  private FormatBenchmark() {}

  /** Measures one run: elapsed time without the GC pause of the half-way heap sample. */
  static final class Probe implements LongConsumer {
    private final long mid;
    private final long start = System.nanoTime();
    private long paused;
    long heap = -1;

    Probe(long rows) {
      this.mid = rows / 2;
    }

    @Override
    public void accept(long i) {
      if (i == mid) {
        long t = System.nanoTime();
        heap = heapAfterGc();
        paused += System.nanoTime() - t;
      }
    }

    double seconds() {
      return (System.nanoTime() - start - paused) / 1e9;
    }
  }

  interface Run {
    void run(Path file, long rows, Probe probe) throws Exception;
  }

  record Result(String label, double rowsPerSecond, long heap, long size) {}

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "csv";
    long rows = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 1_000_000;
    Path dir = Files.createTempDirectory("taskport-bench-");
    System.out.printf(Locale.ROOT, "%s, %,d rows, java %s, max heap %d MB%n", which, rows,
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    try {
      switch (which) {
        case "csv" -> compare(dir, rows, new CsvFormat(), "csv", FormatBenchmarkRaw::writeCsv,
            FormatBenchmarkRaw::readCsv);
        case "xlsx" -> compare(dir, rows, new XlsxFormat(), "xlsx", FormatBenchmarkRaw::writeXlsx,
            (f, p) -> FormatBenchmarkRaw.readXlsx(f, p));
        case "sst" -> sharedStrings(dir, rows);
        default -> throw new IllegalArgumentException("case must be csv, xlsx or sst: " + which);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  interface RawWrite {
    void write(Path file, long rows, LongConsumer probe) throws Exception;
  }

  interface RawRead {
    long read(Path file, LongConsumer probe) throws Exception;
  }

  private static void compare(Path dir, long rows, TabularFormat format, String ext,
      RawWrite rawWrite, RawRead rawRead) throws Exception {
    Path ours = dir.resolve("taskport." + ext);
    Path raw = dir.resolve("raw." + ext);
    long warm = Math.min(rows, 50_000);
    write(format, ours, warm, new Probe(warm));
    rawWrite.write(raw, warm, new Probe(warm));
    read(format, ours, new Probe(warm));
    rawRead.read(ours, new Probe(warm));

    Probe p = new Probe(rows);
    rawWrite.write(raw, rows, p);
    Result rw = new Result(ext + " write raw", rows / p.seconds(), p.heap, Files.size(raw));
    p = new Probe(rows);
    write(format, ours, rows, p);
    Result tw = new Result(ext + " write taskport", rows / p.seconds(), p.heap, Files.size(ours));
    p = new Probe(rows);
    rawRead.read(ours, p);
    Result rr = new Result(ext + " read raw", rows / p.seconds(), p.heap, Files.size(ours));
    p = new Probe(rows);
    long read = read(format, ours, p);
    Result tr = new Result(ext + " read taskport", rows / p.seconds(), p.heap, Files.size(ours));
    if (read != rows + 1) {
      throw new IllegalStateException("read " + read + " rows, expected " + (rows + 1));
    }
    print(rw, tw);
    print(rr, tr);
  }

  private static void write(TabularFormat f, Path file, long rows, Probe probe) throws Exception {
    try (OutputStream out = Files.newOutputStream(file);
        RowWriter w = f.openWriter(out, FormatBenchmarkData.COLUMNS, FormatOptions.defaults())) {
      for (long i = 0; i < rows; i++) {
        w.write(FormatBenchmarkData.values(i));
        probe.accept(i);
      }
      w.finish();
    }
  }

  private static long read(TabularFormat f, Path file, Probe probe) throws Exception {
    long n = 0;
    long chars = 0;
    try (InputStream in = Files.newInputStream(file);
        RowReader r = f.openReader(in, FormatOptions.defaults())) {
      Row row;
      while ((row = r.next()) != null) {
        for (String c : row.cells()) {
          chars += c.length();
        }
        probe.accept(n++);
      }
    }
    return chars >= 0 ? n : -1;
  }

  private static void sharedStrings(Path dir, long rows) throws Exception {
    Path file = FormatBenchmarkData.sharedStringsWorkbook(dir, rows);
    Probe p = new Probe(rows);
    long read = read(new XlsxFormat(), file, p);
    System.out.printf(Locale.ROOT, "shared strings: %,d unique, %,d rows read%n", 2 * rows, read);
    print(new Result("sst read taskport", rows / p.seconds(), p.heap, Files.size(file)));
    try {
      p = new Probe(rows);
      FormatBenchmarkRaw.readXlsx(file, p);
      print(new Result("sst read raw", rows / p.seconds(), p.heap, Files.size(file)));
    } catch (OutOfMemoryError e) {
      System.out.println("sst read raw: OutOfMemoryError (POI keeps the table in the heap)");
    }
  }

  private static void print(Result raw, Result ours) {
    print(raw);
    print(ours);
    System.out.printf(Locale.ROOT, "  ratio taskport/raw: rows/s %.2f, time %.2f%n",
        ours.rowsPerSecond / raw.rowsPerSecond, raw.rowsPerSecond / ours.rowsPerSecond);
  }

  private static void print(Result r) {
    System.out.printf(Locale.ROOT, "%-20s %,12.0f rows/s   heap after GC %6.1f MB   file %7.1f MB%n",
        r.label, r.rowsPerSecond, r.heap / 1048576.0, r.size / 1048576.0);
  }

  static long heapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
