package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** RELIABILITY scenario 15: OWASP CSV injection examples on export. */
class FormulaInjectionTest {
  static final List<String> OWASP = List.of("=1+2", "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
      "\n=1", "=1+2\";=1+2", "=1+2'\" ;,=1+2", "\uFF1D1", "", "=HYPERLINK(\"http://x\",\"y\")");

  static final String GOLDEN = "\uFEFF\"v\",\"n\"\r\n"
      + "\"'=1+2\",\r\n"
      + "\"'+cmd\",\r\n"
      + "\"'-2+3\",\r\n"
      + "\"'@SUM(A1)\",\r\n"
      + "\"'\t=1\",\r\n"
      + "\"'\r=1\",\r\n"
      + "\"'\n=1\",\r\n"
      + "\"'=1+2\"\";=1+2\",\r\n"
      + "\"'=1+2'\"\" ;,=1+2\",\r\n"
      + "\"'\uFF1D1\",\r\n"
      + "\"\",\r\n"
      + "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\r\n"
      + ",-5\r\n";

  static final List<Column<List<?>>> COLUMNS = List.of(
      Column.of("v", ColumnType.TEXT, r -> r.get(0)),
      Column.of("n", ColumnType.INTEGER, r -> r.get(1)));

  static List<List<?>> rows() {
    List<List<?>> rows = new ArrayList<>();
    for (String s : OWASP) {
      rows.add(Arrays.asList(s, null));
    }
    rows.add(Arrays.asList(null, -5L));
    return rows;
  }

  @Test
  void write_escapesFormulasByDefault() throws Exception {
    byte[] bytes = Io.write(new CsvFormat(), COLUMNS, FormatOptions.defaults(), rows());
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(GOLDEN);
    assertThat(bytes).isEqualTo(GOLDEN.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void write_leavesFormulasAloneWhenEscapingIsOff() throws Exception {
    byte[] bytes = Io.write(new CsvFormat(), COLUMNS,
        FormatOptions.defaults().escapeFormulas(false), rows());
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertThat(text).contains("\r\n\"=1+2\",\r\n").contains("\"+cmd\"").doesNotContain("'=");
  }

  @Test
  void roundTrip_reimportingEscapedCsvExportsTheSameBytes() throws Exception {
    List<Row> read = Io.read(new CsvFormat(), GOLDEN.getBytes(StandardCharsets.UTF_8));
    List<List<?>> again = new ArrayList<>();
    for (Row r : read.subList(1, read.size())) {
      String n = r.cells().get(1);
      again.add(Arrays.asList(r.cells().get(0).isEmpty() && !n.isEmpty() ? null
          : r.cells().get(0), n.isEmpty() ? null : Long.valueOf(n)));
    }
    byte[] bytes = Io.write(new CsvFormat(), COLUMNS, FormatOptions.defaults(), again);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(GOLDEN);
  }

  @Test
  void write_xlsxHasOnlyStringCellsNoFormulasAndNoLinks() throws Exception {
    byte[] bytes = Io.write(new XlsxFormat(), COLUMNS, FormatOptions.defaults(), rows());

    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      XSSFSheet sheet = wb.getSheetAt(0);
      for (int i = 1; i <= OWASP.size(); i++) {
        var cell = sheet.getRow(i).getCell(0);
        assertThat(cell.getCellType()).as("row %d", i).isEqualTo(CellType.STRING);
        String expected = Cells.isFormulaTrigger(OWASP.get(i - 1)) ? "'" + OWASP.get(i - 1)
            : OWASP.get(i - 1);
        assertThat(cell.getStringCellValue()).isEqualTo(expected);
      }
      var minus = sheet.getRow(OWASP.size() + 1).getCell(1);
      assertThat(minus.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(minus.getNumericCellValue()).isEqualTo(-5);
      assertThat(sheet.getHyperlinkList()).isEmpty();
    }
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
      XSSFReader reader = new XSSFReader(pkg);
      var sheets = reader.getSheetsData();
      while (sheets.hasNext()) {
        try (InputStream in = sheets.next()) {
          assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("<f>")
              .doesNotContain("<f ");
        }
      }
      for (PackagePart part : pkg.getParts()) {
        if (part.isRelationshipPart()) {
          continue;
        }
        for (PackageRelationship rel : part.getRelationships()) {
          assertThat(rel.getRelationshipType()).doesNotContain("hyperlink");
        }
      }
    }
  }

  @Test
  void write_xlsxKeepsFormulaTextWhenEscapingIsOffButStillAsStrings() throws Exception {
    byte[] bytes = Io.write(new XlsxFormat(), COLUMNS,
        FormatOptions.defaults().escapeFormulas(false), rows());
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      var cell = wb.getSheetAt(0).getRow(1).getCell(0);
      assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
      assertThat(cell.getStringCellValue()).isEqualTo("=1+2");
    }
  }
}
