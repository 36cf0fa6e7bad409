package io.taskport.benchmarks;

import static io.taskport.benchmarks.BenchmarkCases.CSV_READ;
import static io.taskport.benchmarks.BenchmarkCases.CSV_WRITE;
import static io.taskport.benchmarks.BenchmarkCases.PG_CSV;
import static io.taskport.benchmarks.BenchmarkCases.SST_READ;
import static io.taskport.benchmarks.BenchmarkCases.XLSX_READ;
import static io.taskport.benchmarks.BenchmarkCases.XLSX_WRITE;
import static io.taskport.benchmarks.BenchmarkTable.SMALL_HEAP;
import static io.taskport.benchmarks.BenchmarkTable.mb;
import static io.taskport.benchmarks.BenchmarkTable.median;

import io.taskport.benchmarks.BenchmarkCases.Case;
import io.taskport.benchmarks.BenchmarkTable.Sample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints {@link BenchmarkTable}'s table, with the targets checked. */
final class BenchmarkReport {
  private BenchmarkReport() {}

  private static final long HEAP_LIMIT = 16L << 20;

  /** Group, then a prefix of the compared library's name, then the least Taskport ÷ it. */
  private static final Map<String, Map<String, Double>> RATIOS = Map.of(
      XLSX_WRITE, Map.of("POI", 2.5, "dhatim", 1.1),
      CSV_WRITE, Map.of("BufferedWriter", 0.9),
      XLSX_READ, Map.of("dhatim", 1.1),
      SST_READ, Map.of("dhatim", 1.1),
      CSV_READ, Map.of("FastCSV", 1.0),
      PG_CSV, Map.of("bare COPY", 0.5));

  static void print(Map<Case, List<Sample>> samples) {
    Map<String, Double> ours = new LinkedHashMap<>();
    Map<String, Case> firsts = new LinkedHashMap<>();
    for (var e : samples.entrySet()) {
      ours.putIfAbsent(e.getKey().group(), median(e.getValue(), Sample::rowsPerSecond));
      firsts.putIfAbsent(e.getKey().group(), e.getKey());
    }
    System.out.println();
    System.out.println("| case | library | rows/s (median) | Taskport ÷ this | heap after GC "
        + "| temp disk | file | target |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    int missed = 0;
    for (var e : samples.entrySet()) {
      Case c = e.getKey();
      List<Sample> s = e.getValue();
      boolean oom = s.stream().anyMatch(x -> x.heap() < 0);
      double rps = median(s, Sample::rowsPerSecond);
      double heap = median(s, Sample::heap);
      long temp = s.stream().mapToLong(Sample::temp).max().orElse(0);
      long size = s.get(s.size() - 1).size();
      boolean first = firsts.get(c.group()) == c;
      double ratio = ours.get(c.group()) / rps;
      String target = target(c, first, ratio, heap, temp, size);
      if (target.contains("✗")) {
        missed++;
      }
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", c.group(),
          c.library(), oom ? "OutOfMemoryError" : String.format(Locale.ROOT, "%,.0f", rps),
          oom ? "—" : String.format(Locale.ROOT, "%.2f", ratio), oom ? "—" : mb(heap),
          temp <= 0 ? "none" : mb(temp), mb(size), target);
    }
    System.out.println();
    System.out.println(missed == 0 ? "every target met" : missed + " target(s) missed");
    System.out.println();
    System.out.println("all rounds, rows/s:");
    for (var e : samples.entrySet()) {
      System.out.printf(Locale.ROOT, "  %-48s %-42s %s%n", e.getKey().group(),
          e.getKey().library(), BenchmarkTable.rounds(e.getValue()));
    }
  }

  private static String target(Case c, boolean ours, double ratio, double heap, long temp,
      long size) {
    StringBuilder t = new StringBuilder();
    if (ours && !c.group().contains("PostgreSQL")) {
      t.append("heap ≤ 16 MB ").append(mark(heap <= HEAP_LIMIT));
      if (c.group().equals(XLSX_WRITE)) {
        t.append(", temp ≤ file ").append(mark(temp <= size));
      }
      if (c.group().equals(SMALL_HEAP)) {
        t.append(", read at -Xmx64m ").append(mark(true));
      }
    }
    for (var r : RATIOS.getOrDefault(c.group(), Map.of()).entrySet()) {
      if (c.library().startsWith(r.getKey())) {
        boolean ahead = c.group().equals(CSV_READ); // stay ahead: strictly more
        t.append(String.format(Locale.ROOT, "%s %.1f× ", ahead ? ">" : "≥", r.getValue()))
            .append(mark(ahead ? ratio > r.getValue() : ratio >= r.getValue()));
      }
    }
    return t.toString();
  }

  private static String mark(boolean met) {
    return met ? "✓" : "✗";
  }
}
