package io.taskport.benchmarks;

import io.taskport.excel.CsvFormat;
import io.taskport.excel.XlsxFormat;
import io.taskport.format.FormatOptions;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * Writes N rows of ten typed columns with Taskport and with the libraries people use instead,
 * interleaved over several rounds in one JVM, and prints one table of medians: rows per second,
 * heap in use after GC and temp disk in use (both sampled half-way, outside the timing), and
 * file size.
 *
 * <pre>
 * java -Xmx256m -cp ... io.taskport.benchmarks.WriteBenchmark [rows] [rounds]
 * </pre>
 */
public final class WriteBenchmark {
  private WriteBenchmark() {}

  interface Write {
    void write(Path file, long rows, LongConsumer probe) throws Exception;
  }

  record Case(String format, String library, Write write) {}

  record Sample(double rowsPerSecond, long heap, long temp, long size) {}

  /** Times a run, leaving out the half-way GC and the temp-disk walk. */
  static final class Probe implements LongConsumer {
    private final long mid;
    private final Path temp;
    private final long start = System.nanoTime();
    private long paused;
    long heap = -1;
    long tempBytes = -1;

    Probe(long rows, Path temp) {
      this.mid = rows / 2;
      this.temp = temp;
    }

    @Override
    public void accept(long i) {
      if (i == mid) {
        long t = System.nanoTime();
        heap = FormatBenchmark.heapAfterGc();
        tempBytes = bytesUnder(temp);
        paused += System.nanoTime() - t;
      }
    }

    double seconds() {
      return (System.nanoTime() - start - paused) / 1e9;
    }
  }

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("taskport-write-bench-");
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    System.setProperty("java.io.tmpdir", temp.toString()); // so each library's temp files count
    List<Case> cases = List.of(
        new Case("xlsx", "Taskport XlsxFormat", taskport(new XlsxFormat())),
        new Case("xlsx", "POI SXSSFWorkbook", FormatBenchmarkRaw::writeXlsx),
        new Case("xlsx", "dhatim fastexcel 0.20.2", WriteBaselines::fastexcel),
        new Case("csv", "Taskport CsvFormat", taskport(new CsvFormat())),
        new Case("csv", "FastCSV 4.4.0", WriteBaselines::fastcsv),
        new Case("csv", "BufferedWriter loop", WriteBaselines::bufferedWriter));
    System.out.printf(Locale.ROOT, "%,d rows x 10 columns, %d rounds, java %s, max heap %d MB%n",
        rows, rounds, System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    Map<Case, List<Sample>> samples = new LinkedHashMap<>();
    try {
      for (Case c : cases) { // warm-up, not counted
        run(c, dir, temp, Math.min(rows, 50_000));
        samples.put(c, new ArrayList<>());
      }
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < cases.size(); k++) {
          Case c = cases.get((k + r) % cases.size()); // rotate the order each round
          samples.get(c).add(run(c, dir, temp, rows));
        }
        System.out.printf(Locale.ROOT, "round %d done%n", r + 1);
      }
      print(samples);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static Write taskport(TabularFormat format) {
    return (file, rows, probe) -> {
      try (OutputStream out = Files.newOutputStream(file);
          RowWriter w = format.openWriter(out, FormatBenchmarkData.COLUMNS,
              FormatOptions.defaults())) {
        for (long i = 0; i < rows; i++) {
          w.write(FormatBenchmarkData.values(i));
          probe.accept(i);
        }
        w.finish(); // close alone discards an unfinished file
      }
    };
  }

  private static Sample run(Case c, Path dir, Path temp, long rows) throws Exception {
    Path file = dir.resolve("out." + c.format);
    Files.deleteIfExists(file);
    Probe p = new Probe(rows, temp);
    c.write.write(file, rows, p);
    double seconds = p.seconds();
    return new Sample(rows / seconds, p.heap, p.tempBytes, Files.size(file));
  }

  private static void print(Map<Case, List<Sample>> samples) {
    System.out.println();
    System.out.println("| format | library | rows/s (median) | Taskport ÷ this | heap after GC | "
        + "temp disk | file |");
    System.out.println("|---|---|---|---|---|---|---|");
    Map<String, Double> ours = new LinkedHashMap<>();
    for (var e : samples.entrySet()) {
      double rps = median(e.getValue().stream().mapToDouble(Sample::rowsPerSecond).toArray());
      if (e.getKey().library.startsWith("Taskport")) {
        ours.put(e.getKey().format, rps);
      }
    }
    for (var e : samples.entrySet()) {
      List<Sample> s = e.getValue();
      double rps = median(s.stream().mapToDouble(Sample::rowsPerSecond).toArray());
      double heap = median(s.stream().mapToDouble(Sample::heap).toArray());
      long temp = s.stream().mapToLong(Sample::temp).max().orElse(0);
      long size = s.get(s.size() - 1).size;
      System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.1f MB | %s | %.1f MB |%n",
          e.getKey().format, e.getKey().library, rps, ours.get(e.getKey().format) / rps,
          heap / 1048576.0, temp == 0 ? "none" : String.format(Locale.ROOT, "%.1f MB",
              temp / 1048576.0), size / 1048576.0);
    }
    System.out.println();
    System.out.println("all rounds, rows/s:");
    for (var e : samples.entrySet()) {
      System.out.printf(Locale.ROOT, "  %-4s %-26s %s%n", e.getKey().format, e.getKey().library,
          Arrays.toString(e.getValue().stream().mapToLong(x -> (long) x.rowsPerSecond).toArray()));
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static long bytesUnder(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0; // removed while we walked
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }
}
