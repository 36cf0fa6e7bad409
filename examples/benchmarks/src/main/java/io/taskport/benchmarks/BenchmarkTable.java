package io.taskport.benchmarks;

import io.taskport.benchmarks.BenchmarkCases.Case;
import io.taskport.benchmarks.BenchmarkCases.Inputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every comparison of the benchmarks in one run and one table: XLSX and CSV writing and reading
 * beside POI, dhatim fastexcel, FastCSV and a plain {@code BufferedWriter} loop, imports into
 * PostgreSQL beside a bare {@code COPY}, and the 2,000,000-string file read again in a JVM
 * limited to 64 MB. Rounds are interleaved, the order rotated each round, and medians printed,
 * with each target of the benchmarks checked in the last column.
 *
 * <pre>
 * BENCH_HEAP=256m examples/benchmarks/bench BenchmarkTable [rows] [rounds]
 * </pre>
 */
public final class BenchmarkTable {
  private BenchmarkTable() {}

  record Sample(double rowsPerSecond, long heap, long temp, long size) {}

  private static final double MB = 1048576.0;
  static final String SMALL_HEAP = "xlsx read, 2,000,000 unique strings, -Xmx64m";

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--small-heap")) {
      smallHeapChild(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]));
      return;
    }
    long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("taskport-bench-table-");
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    System.setProperty("java.io.tmpdir", temp.toString()); // so each library's temp files count
    PgImports pg = null;
    try {
      pg = postgres(dir.resolve("files"));
      Inputs warm = Inputs.write(dir.resolve("warm"), Math.min(rows, 50_000));
      Inputs in = Inputs.write(dir.resolve("in"), rows);
      System.out.printf(Locale.ROOT, "%,d rows, %d rounds, java %s, max heap %d MB, %d cores%n",
          rows, rounds, System.getProperty("java.version"),
          Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
      for (Case c : BenchmarkCases.cases(warm, pg)) { // warm-up, not counted
        run(c, temp);
      }
      List<Case> cases = new ArrayList<>(BenchmarkCases.cases(in, pg));
      long sst = BenchmarkCases.sstRows(rows);
      Case small = new Case(SMALL_HEAP, "Taskport XlsxFormat", sst, 2, in.sst(),
          p -> smallHeap(warm.sst(), in.sst(), sst, p));
      cases.add(small);
      Map<Case, List<Sample>> samples = new LinkedHashMap<>();
      cases.forEach(c -> samples.put(c, new ArrayList<>()));
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < cases.size(); k++) {
          Case c = cases.get((k + r) % cases.size()); // rotate the order each round
          samples.get(c).add(run(c, temp));
        }
        System.out.printf(Locale.ROOT, "round %d done%n", r + 1);
      }
      BenchmarkReport.print(samples);
    } finally {
      if (pg != null) {
        pg.close();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static PgImports postgres(Path files) {
    try {
      return new PgImports(files);
    } catch (SQLException e) {
      System.out.println("PostgreSQL at " + PgImports.URL.replaceAll("\\?.*", "")
          + " is not reachable, so the imports are left out: " + e.getMessage());
      return null;
    }
  }

  private static Sample run(Case c, Path temp) throws Exception {
    WriteBenchmark.Probe p = new WriteBenchmark.Probe(c.probeRows(), temp);
    long done;
    try {
      done = c.run().run(p);
    } catch (OutOfMemoryError e) {
      return new Sample(0, -1, -1, -1);
    }
    double seconds = p.seconds();
    if (c.group().equals(SMALL_HEAP)) {
      return new Sample(done / 1e3, p.heap, p.tempBytes, Files.size(c.output()));
    }
    return new Sample(c.rows() / seconds, p.heap, p.tempBytes, Files.size(c.output()));
  }

  /**
   * Reads the file in a child JVM with {@code -Xmx64m}; returns rows/s × 1000 (the child times
   * itself, without its start) and sets the probe's heap to the child's.
   */
  private static long smallHeap(Path warm, Path file, long rows, WriteBenchmark.Probe p)
      throws IOException, InterruptedException {
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
        "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-cp", System.getProperty("java.class.path"), BenchmarkTable.class.getName(),
        "--small-heap", warm.toString(), file.toString(), Long.toString(rows))
        .redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (child.waitFor() != 0 || !out.startsWith("result ")) {
      throw new IllegalStateException("the -Xmx64m reader failed: " + out);
    }
    String[] f = out.split(" ");
    p.heap = Long.parseLong(f[2]);
    p.tempBytes = Long.parseLong(f[3]);
    return (long) (Double.parseDouble(f[1]) * 1e3);
  }

  private static void smallHeapChild(Path warm, Path file, long rows) throws Exception {
    ReadBenchmark.taskport(warm, new WriteBenchmark.Probe(rows, warm.getParent()));
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    WriteBenchmark.Probe p = new WriteBenchmark.Probe(rows, temp);
    ReadBenchmark.taskport(file, p);
    System.out.printf(Locale.ROOT, "result %.1f %d %d%n", rows / p.seconds(), p.heap,
        p.tempBytes);
  }

  static double median(List<Sample> s, java.util.function.ToDoubleFunction<Sample> f) {
    return WriteBenchmark.median(s.stream().mapToDouble(f).toArray());
  }

  static String rounds(List<Sample> s) {
    return Arrays.toString(s.stream().mapToLong(x -> (long) x.rowsPerSecond()).toArray());
  }

  static String mb(double bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / MB);
  }
}
