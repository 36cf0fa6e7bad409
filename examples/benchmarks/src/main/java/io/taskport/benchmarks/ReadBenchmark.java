package io.taskport.benchmarks;

import io.taskport.excel.XlsxFormat;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;

/**
 * Reads two XLSX files with Taskport's reader, POI's SAX path and dhatim fastexcel-reader,
 * interleaved over several rounds in one JVM, and prints medians of rows per second and of the
 * heap in use after GC half-way through each file (outside the timing). The files: N rows of
 * ten columns with inline strings (written by fastexcel), and N / 4 rows of two cells whose
 * shared-strings table holds N / 2 unique strings.
 *
 * <pre>
 * java -Xmx256m -cp ... io.taskport.benchmarks.ReadBenchmark [rows] [rounds]
 * </pre>
 */
public final class ReadBenchmark {
  private ReadBenchmark() {}

  interface Read {
    long read(Path file, WriteBenchmark.Probe probe) throws Exception;
  }

  record Case(String file, String library, Read read) {}

  record Sample(double rowsPerSecond, long heap) {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("taskport-read-bench-");
    try {
      Path inline = dir.resolve("inline.xlsx");
      WriteBaselines.fastexcel(inline, rows, i -> { });
      Path shared = FormatBenchmarkData.sharedStringsWorkbook(dir, rows / 4);
      warmUp(Files.createDirectories(dir.resolve("warm-up")), Math.min(rows, 50_000));
      Map<String, Path> files = Map.of("inline", inline, "shared", shared);
      Map<String, Long> counts = Map.of("inline", rows + 1, "shared", rows / 4);
      List<Case> cases = new ArrayList<>();
      for (String f : List.of("inline", "shared")) {
        cases.add(new Case(f, "Taskport XlsxFormat", ReadBenchmark::taskport));
        cases.add(new Case(f, "POI XSSFReader + XSSFSheetXMLHandler", FormatBenchmarkRaw::readXlsx));
        cases.add(new Case(f, "dhatim fastexcel-reader 0.20.2", ReadBenchmark::fastexcel));
      }
      System.out.printf(Locale.ROOT, "inline: %,d rows x 10 columns, %.1f MB; shared: %,d rows x 2,"
          + " %,d unique strings, %.1f MB; %d rounds, java %s, max heap %d MB%n", rows,
          Files.size(inline) / 1048576.0, rows / 4, rows / 2, Files.size(shared) / 1048576.0,
          rounds, System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
      Map<Case, List<Sample>> samples = new LinkedHashMap<>();
      for (Case c : cases) {
        samples.put(c, new ArrayList<>());
      }
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < cases.size(); k++) {
          Case c = cases.get((k + r) % cases.size()); // rotate the order each round
          samples.get(c).add(run(c, files.get(c.file), counts.get(c.file)));
        }
        System.out.printf(Locale.ROOT, "round %d done%n", r + 1);
      }
      print(samples);
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Runs every reader on small files first, not counted. */
  private static void warmUp(Path dir, long rows) throws Exception {
    Path inline = dir.resolve("inline.xlsx");
    WriteBaselines.fastexcel(inline, rows, i -> { });
    Path shared = FormatBenchmarkData.sharedStringsWorkbook(dir, rows / 4);
    for (Path f : List.of(inline, shared)) {
      for (Read r : List.<Read>of(ReadBenchmark::taskport, FormatBenchmarkRaw::readXlsx,
          ReadBenchmark::fastexcel)) {
        r.read(f, new WriteBenchmark.Probe(rows, dir));
      }
    }
  }

  private static Sample run(Case c, Path file, long rows) throws Exception {
    WriteBenchmark.Probe p = new WriteBenchmark.Probe(rows, file.getParent());
    try {
      c.read.read(file, p);
    } catch (OutOfMemoryError e) {
      return new Sample(0, -1);
    }
    return new Sample(rows / p.seconds(), p.heap);
  }

  static long taskport(Path file, WriteBenchmark.Probe probe) throws Exception {
    long n = 0;
    long chars = 0;
    try (InputStream in = Files.newInputStream(file);
        RowReader r = new XlsxFormat().openReader(in, FormatOptions.defaults())) {
      for (Row row = r.next(); row != null; row = r.next()) {
        for (String c : row.cells()) {
          chars += c.length();
        }
        probe.accept(n++);
      }
    }
    return chars;
  }

  static long fastexcel(Path file, WriteBenchmark.Probe probe) throws Exception {
    long[] n = {0};
    long[] chars = {0};
    try (ReadableWorkbook wb = new ReadableWorkbook(file.toFile());
        Stream<org.dhatim.fastexcel.reader.Row> rows = wb.getFirstSheet().openStream()) {
      rows.forEach(row -> {
        for (Cell c : row) {
          if (c != null) {
            chars[0] += c.getText().length();
          }
        }
        probe.accept(n[0]++);
      });
    }
    return chars[0];
  }

  private static void print(Map<Case, List<Sample>> samples) {
    System.out.println();
    System.out.println("| file | library | rows/s (median) | Taskport ÷ this | heap after GC |");
    System.out.println("|---|---|---|---|---|");
    Map<String, Double> ours = new LinkedHashMap<>();
    for (var e : samples.entrySet()) {
      if (e.getKey().library.startsWith("Taskport")) {
        ours.put(e.getKey().file, rps(e.getValue()));
      }
    }
    for (var e : samples.entrySet()) {
      double rps = rps(e.getValue());
      boolean oom = e.getValue().stream().anyMatch(s -> s.heap < 0);
      double heap = WriteBenchmark.median(
          e.getValue().stream().mapToDouble(Sample::heap).toArray());
      System.out.printf(Locale.ROOT, "| %s | %s | %,.0f%s | %.2f | %s |%n", e.getKey().file,
          e.getKey().library, rps, oom ? " (OutOfMemoryError in a round)" : "",
          ours.get(e.getKey().file) / rps, oom ? "—" : String.format(Locale.ROOT, "%.1f MB",
              heap / 1048576.0));
    }
    System.out.println();
    System.out.println("all rounds, rows/s:");
    for (var e : samples.entrySet()) {
      System.out.printf(Locale.ROOT, "  %-6s %-38s %s%n", e.getKey().file, e.getKey().library,
          Arrays.toString(e.getValue().stream().mapToLong(x -> (long) x.rowsPerSecond).toArray()));
    }
  }

  private static double rps(List<Sample> s) {
    return WriteBenchmark.median(s.stream().mapToDouble(Sample::rowsPerSecond).toArray());
  }
}
