package io.taskport.benchmarks;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.function.LongConsumer;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** The libraries WriteBenchmark compares Taskport with, each used as its documentation shows. */
final class WriteBaselines {
  private WriteBaselines() {}

  /** dhatim fastexcel: inline strings (its shared-strings table is unbounded), column formats. */
  static void fastexcel(Path file, long rows, LongConsumer probe) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      Workbook wb = new Workbook(out, "bench", "1.0");
      Worksheet ws = wb.newWorksheet("Sheet1");
      ws.style(4).format("yyyy-mm-dd").set();
      ws.style(5).format("yyyy-mm-dd hh:mm:ss").set();
      String[] headers = FormatBenchmarkRaw.HEADERS;
      for (int c = 0; c < headers.length; c++) {
        ws.inlineString(0, c, headers[c]);
      }
      for (long i = 0; i < rows; i++) {
        Object[] v = FormatBenchmarkData.row(i);
        int r = (int) i + 1;
        for (int c = 0; c < v.length; c++) {
          Object x = v[c];
          if (x instanceof Number n) {
            ws.value(r, c, n);
          } else if (x instanceof LocalDate d) {
            ws.value(r, c, d);
          } else if (x instanceof LocalDateTime t) {
            ws.value(r, c, t);
          } else if (x instanceof Boolean b) {
            ws.value(r, c, b);
          } else {
            ws.inlineString(r, c, x.toString());
          }
        }
        if (r % 1000 == 0) {
          ws.flush(); // fastexcel keeps rows in memory until flushed
        }
        probe.accept(i);
      }
      wb.finish();
    }
  }

  /** FastCSV's writer, minimal quoting, CRLF. */
  static void fastcsv(Path file, long rows, LongConsumer probe) throws IOException {
    try (CsvWriter csv = CsvWriter.builder().build(file, StandardCharsets.UTF_8)) {
      csv.writeRecord(FormatBenchmarkRaw.HEADERS);
      String[] cells = new String[FormatBenchmarkRaw.HEADERS.length];
      for (long i = 0; i < rows; i++) {
        Object[] v = FormatBenchmarkData.row(i);
        for (int c = 0; c < v.length; c++) {
          cells[c] = v[c] instanceof BigDecimal b ? b.toPlainString() : v[c].toString();
        }
        csv.writeRecord(cells);
        probe.accept(i);
      }
    }
  }

  /**
   * The floor: a BufferedWriter loop that writes the same text as Taskport's CSV (text quoted
   * with quotes doubled, numbers and dates bare, CRLF), with no checks at all.
   */
  static void bufferedWriter(Path file, long rows, LongConsumer probe) throws IOException {
    try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
        StandardCharsets.UTF_8), 1 << 16)) {
      String[] headers = FormatBenchmarkRaw.HEADERS;
      for (int c = 0; c < headers.length; c++) {
        w.write(c == 0 ? "\"" : ",\"");
        w.write(headers[c]);
        w.write('"');
      }
      w.write("\r\n");
      for (long i = 0; i < rows; i++) {
        Object[] v = FormatBenchmarkData.row(i);
        for (int c = 0; c < v.length; c++) {
          if (c > 0) {
            w.write(',');
          }
          Object x = v[c];
          if (x instanceof String s) {
            w.write('"');
            w.write(s.indexOf('"') < 0 ? s : s.replace("\"", "\"\""));
            w.write('"');
          } else {
            w.write(x instanceof BigDecimal b ? b.toPlainString() : x.toString());
          }
        }
        w.write("\r\n");
        probe.accept(i);
      }
    }
  }
}
