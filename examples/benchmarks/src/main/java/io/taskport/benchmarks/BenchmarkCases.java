package io.taskport.benchmarks;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.taskport.excel.CsvFormat;
import io.taskport.excel.XlsxFormat;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files and the cases {@link BenchmarkTable} runs: writes, reads and imports. */
final class BenchmarkCases {
  private BenchmarkCases() {}

  /** One measured run: returns the rows it handled; calls the probe half-way. */
  interface Run {
    long run(WriteBenchmark.Probe probe) throws Exception;
  }

  /**
   * A case of a group; {@code probeRows} is what the probe counts to (2 where the case samples
   * the heap itself at its middle).
   */
  record Case(String group, String library, long rows, long probeRows, Path output, Run run) {}

  /** The inputs: files written once, before any timing. */
  record Inputs(Path dir, long rows, Path inline, Path sst, Path csv, Path xlsx) {
    static Inputs write(Path dir, long rows) throws Exception {
      Files.createDirectories(dir);
      Path inline = dir.resolve("inline.xlsx");
      WriteBaselines.fastexcel(inline, rows, i -> { });
      Path sst = FormatBenchmarkData.sharedStringsWorkbook(dir, sstRows(rows));
      Path csv = dir.resolve("data.csv");
      WriteBenchmark.taskport(new CsvFormat()).write(csv, rows, i -> { });
      Path xlsx = dir.resolve("data.xlsx");
      WriteBenchmark.taskport(new XlsxFormat()).write(xlsx, rows, i -> { });
      return new Inputs(dir, rows, inline, sst, csv, xlsx);
    }
  }

  /** The shared-strings file has 1,000,000 rows (2,000,000 strings) once rows reach 100,000. */
  static long sstRows(long rows) {
    return rows >= 100_000 ? Math.max(rows, 1_000_000) : rows;
  }

  static final String XLSX_WRITE = "xlsx write";
  static final String CSV_WRITE = "csv write";
  static final String XLSX_READ = "xlsx read, inline strings";
  static final String SST_READ = "xlsx read, 2,000,000 unique strings";
  static final String CSV_READ = "csv read";
  static final String PG_CSV = "csv import into PostgreSQL";
  static final String PG_XLSX = "xlsx import into PostgreSQL";

  static List<Case> cases(Inputs in, PgImports pg) {
    long n = in.rows();
    Path out = in.dir().resolve("out");
    List<Case> c = new ArrayList<>();
    c.add(write(XLSX_WRITE, "Taskport XlsxFormat", n, out.resolve("a.xlsx"),
        WriteBenchmark.taskport(new XlsxFormat())));
    c.add(write(XLSX_WRITE, "POI SXSSFWorkbook", n, out.resolve("b.xlsx"),
        FormatBenchmarkRaw::writeXlsx));
    c.add(write(XLSX_WRITE, "dhatim fastexcel 0.20.2 (inline strings)", n, out.resolve("c.xlsx"),
        WriteBaselines::fastexcel));
    c.add(write(CSV_WRITE, "Taskport CsvFormat", n, out.resolve("a.csv"),
        WriteBenchmark.taskport(new CsvFormat())));
    c.add(write(CSV_WRITE, "FastCSV 4.4.0", n, out.resolve("b.csv"), WriteBaselines::fastcsv));
    c.add(write(CSV_WRITE, "BufferedWriter loop", n, out.resolve("c.csv"),
        WriteBaselines::bufferedWriter));
    c.add(new Case(XLSX_READ, "Taskport XlsxFormat", n + 1, n + 1, in.inline(),
        p -> ReadBenchmark.taskport(in.inline(), p)));
    c.add(new Case(XLSX_READ, "POI XSSFReader + XSSFSheetXMLHandler", n + 1, n + 1, in.inline(),
        p -> FormatBenchmarkRaw.readXlsx(in.inline(), p)));
    c.add(new Case(XLSX_READ, "dhatim fastexcel-reader 0.20.2", n + 1, n + 1, in.inline(),
        p -> ReadBenchmark.fastexcel(in.inline(), p)));
    long m = sstRows(n);
    c.add(new Case(SST_READ, "Taskport XlsxFormat", m, m, in.sst(),
        p -> ReadBenchmark.taskport(in.sst(), p)));
    c.add(new Case(SST_READ, "dhatim fastexcel-reader 0.20.2", m, m, in.sst(),
        p -> ReadBenchmark.fastexcel(in.sst(), p)));
    c.add(new Case(CSV_READ, "Taskport CsvFormat", n + 1, n + 1, in.csv(),
        p -> taskportCsv(in.csv(), p)));
    c.add(new Case(CSV_READ, "FastCSV 4.4.0", n + 1, n + 1, in.csv(), p -> fastcsv(in.csv(), p)));
    if (pg != null) {
      c.add(new Case(PG_CSV, "Taskport + CopyImport", n, 2, in.csv(),
          p -> pg.taskport("copy", in.csv(), n, p)));
      c.add(new Case(PG_CSV, "bare COPY FROM STDIN (CopyManager)", n, 2, in.csv(),
          p -> pg.bareCopy(in.csv(), p)));
      c.add(new Case(PG_CSV, "Taskport + BatchInsertImport", n, 2, in.csv(),
          p -> pg.taskport("batch", in.csv(), n, p)));
      c.add(new Case(PG_XLSX, "Taskport + CopyImport", n, 2, in.xlsx(),
          p -> pg.taskport("copy", in.xlsx(), n, p)));
      c.add(new Case(PG_XLSX, "Taskport + BatchInsertImport", n, 2, in.xlsx(),
          p -> pg.taskport("batch", in.xlsx(), n, p)));
    }
    return c;
  }

  private static Case write(String group, String library, long rows, Path file,
      WriteBenchmark.Write w) {
    return new Case(group, library, rows, rows, file, p -> {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      w.write(file, rows, p);
      return rows;
    });
  }

  static long taskportCsv(Path file, WriteBenchmark.Probe probe) throws Exception {
    long n = 0;
    long chars = 0;
    try (InputStream in = Files.newInputStream(file);
        RowReader r = new CsvFormat().openReader(in, FormatOptions.defaults())) {
      for (Row row = r.next(); row != null; row = r.next()) {
        for (String c : row.cells()) {
          chars += c.length();
        }
        probe.accept(n++);
      }
    }
    return chars >= 0 ? n : -1;
  }

  static long fastcsv(Path file, WriteBenchmark.Probe probe) throws Exception {
    long n = 0;
    long chars = 0;
    try (CsvReader<CsvRecord> csv = CsvReader.builder().detectBomHeader(true).ofCsvRecord(file)) {
      for (CsvRecord r : csv) {
        for (String c : r.getFields()) {
          chars += c.length();
        }
        probe.accept(n++);
      }
    }
    return chars >= 0 ? n : -1;
  }
}
