package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every value of a written workbook, across three sheets, as LibreOffice shows it: the file is
 * converted with {@code soffice --headless --convert-to csv} (all sheets) and compared cell by
 * cell. {@code soffice} comes from {@code TASKPORT_SOFFICE} or the {@code PATH}; without it the
 * test is skipped, unless {@code TASKPORT_REQUIRE_SERVICES=true}.
 */
class XlsxLibreOfficeIT {
  static final int ROWS_PER_SHEET = 4; // header + 3 rows: the 8 rows fill three sheets

  /** LibreOffice's CSV, cells as shown, per sheet; header first. */
  static final List<List<String>> SHOWN = List.of(
      List.of("text", "int", "dec", "amount", "day", "day2", "when", "ok", "city"),
      List.of("plain", "1", "12.5", "1,234.50", "2024-03-01", "01.03.2024",
          "2024-03-01 08:30:05", "TRUE", "Berlin"),
      List.of("中文 \uD83D\uDE00 \uD834\uDD1E", "-5", "-1234.5678", "-0.50", "1900-01-01",
          "1900-02-28", "1900-01-01T12:00:00", "FALSE", "上海"),
      List.of(XlsxEdgeRows.CONTROLS, "999999999999999", "1E+300", "0.00", "1900-03-01",
          "1899-12-31", "1900-03-01 00:00:01", "TRUE", "Berlin"),
      List.of("_x0041_ lit & <b> \"q\"", "1000000000000000000", "0.1", "", "2100-01-01",
          "31.12.2101", "2100-03-01 23:59:59", "", "Berlin"),
      // Calc turns CRLF inside a cell into LF; POI and Taskport read the CRLF back
      List.of("line1\nline2\nline3", "100000000000000000000", "123456789.125", "0.00",
          "9999-12-31", "1850-06-15", "9999-12-31 23:59:59", "FALSE", "São Paulo"),
      List.of("", "", "", "", "", "", "", "", "Berlin"),
      List.of("  spaced  ", "-9223372036854775808", "-123456.75", "-1,000,000,000,000,000.00",
          "2024-02-29", "29.02.2000", "2024-12-31 00:00:00", "TRUE", "上海"),
      List.of(XlsxEdgeRows.LONG_TEXT, "", "0.1", "100.00", "", "", "", "FALSE", ""));

  static String soffice;

  @BeforeAll
  static void findSoffice() {
    String env = System.getenv("TASKPORT_SOFFICE");
    soffice = env != null && new File(env).canExecute() ? env : onPath("soffice");
    boolean required = "true".equals(System.getenv("TASKPORT_REQUIRE_SERVICES"));
    if (soffice == null && required) {
      throw new IllegalStateException("soffice not found (set TASKPORT_SOFFICE or PATH)");
    }
    assumeTrue(soffice != null, "soffice not found: set TASKPORT_SOFFICE or put it on the PATH");
  }

  private static String onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }

  @Test
  void libreOffice_showsEveryValueOfEverySheet(@TempDir Path dir) throws Exception {
    XlsxFormat xlsx = new XlsxFormat().rowsPerSheet(ROWS_PER_SHEET);
    byte[] bytes = Io.write(xlsx, XlsxEdgeRows.COLUMNS, FormatOptions.defaults(),
        XlsxEdgeRows.ROWS);
    Path file = dir.resolve("edge.xlsx");
    Files.write(file, bytes);

    String log = convert(dir, file);

    List<List<String>> shown = new ArrayList<>();
    for (int s = 1; s <= 3; s++) {
      Path csv = dir.resolve("edge-Sheet" + s + ".csv");
      assertThat(csv).as(log).exists();
      List<Row> rows = Io.read(new CsvFormat(), Files.readAllBytes(csv),
          FormatOptions.defaults().delimiter(','));
      assertThat(rows.get(0).cells()).isEqualTo(SHOWN.get(0));
      rows.subList(1, rows.size()).forEach(r -> shown.add(trimTrailing(r.cells())));
    }
    assertThat(shown).hasSize(XlsxEdgeRows.ROWS.size());
    for (int i = 0; i < shown.size(); i++) {
      assertThat(visible(shown.get(i))).as("row %d", i + 1)
          .isEqualTo(visible(trimTrailing(SHOWN.get(i + 1))));
    }
  }

  /** Converts every sheet to CSV in {@code dir} and returns soffice's output. */
  private static String convert(Path dir, Path file) throws Exception {
    Process p = new ProcessBuilder(soffice, "-env:UserInstallation=" + dir.resolve("profile")
        .toUri(), "--headless", "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        "--outdir", dir.toString(), file.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(log).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    return log;
  }

  @Test
  void libreOffice_showsGuardedFormulasAsText(@TempDir Path dir) throws Exception {
    byte[] bytes = Io.write(new XlsxFormat(), FormulaInjectionTest.COLUMNS,
        FormatOptions.defaults(), FormulaInjectionTest.rows());
    Path file = dir.resolve("owasp.xlsx");
    Files.write(file, bytes);
    String log = convert(dir, file);
    Path csv = dir.resolve("owasp-Sheet1.csv");
    assertThat(csv).as(log).exists();
    List<Row> rows = Io.read(new CsvFormat(), Files.readAllBytes(csv),
        FormatOptions.defaults().delimiter(','));
    for (int i = 0; i < FormulaInjectionTest.OWASP.size(); i++) {
      String v = FormulaInjectionTest.OWASP.get(i);
      // Calc keeps a lone CR; Taskport's CSV reader takes back the ' its own guard added, so a
      // formula Calc had evaluated would read as its result, a guarded one as the text itself
      String expected = Cells.unguard(Cells.neutralise(v)).replace("\r\n", "\n");
      List<String> cells = rows.get(i + 1).cells();
      assertThat(visible(List.of(cells.isEmpty() ? "" : cells.get(0)))).as("row %d", i + 1)
          .isEqualTo(visible(List.of(expected)));
    }
    assertThat(rows.get(FormulaInjectionTest.OWASP.size() + 1).cells()).containsExactly("", "-5");
  }

  /** Shows line breaks and controls in a failure message. */
  private static String visible(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (String c : cells) {
      b.append('[');
      c.chars().forEach(ch -> b.append(ch < 0x20 ? String.format("\\x%02X", ch) : (char) ch));
      b.append(']');
    }
    return b.toString();
  }

  private static List<String> trimTrailing(List<String> cells) {
    int n = cells.size();
    while (n > 0 && cells.get(n - 1).isEmpty()) {
      n--;
    }
    return cells.subList(0, n);
  }
}
