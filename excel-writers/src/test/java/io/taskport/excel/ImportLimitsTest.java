package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.TaskError;
import io.taskport.TaskStatus;
import io.taskport.format.FormatOptions;
import io.taskport.format.Limits;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits reported in the user's words: the actual number, the limit, the column's header. */
class ImportLimitsTest {
  @TempDir Path dir;
  private Imports imports;

  @AfterEach
  void close() {
    if (imports != null) {
      imports.close();
    }
  }

  private Imports imports(Limits limits) {
    imports = new Imports(dir, FormatOptions.defaults().limits(limits));
    return imports;
  }

  private static List<?> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void xlsx_aTooLongCellNamesItsHeaderTheLengthAndTheRowsLoaded() throws Exception {
    String big = "y".repeat(40_000);
    String header = "<row r=\"1\">" + cell("A1", "Name") + cell("B1", "E-mail")
        + cell("C1", "Note") + "</row>";
    StringBuilder rows = new StringBuilder(header);
    for (int r = 2; r <= 4; r++) {
      rows.append("<row r=\"").append(r).append("\">").append(cell("A" + r, "p" + r))
          .append(cell("B" + r, "p@x")).append("</row>");
    }
    rows.append("<row r=\"5\">").append(cell("A5", "q")).append(cell("B5", "q@x"))
        .append(cell("C5", big)).append("</row>");
    Imports.Outcome o = imports(Limits.defaults()).run("p.xlsx", Packages.workbook(rows.toString()).zip());
    assertThat(o.task().status()).isEqualTo(TaskStatus.FAILED);
    assertThat(o.task().error().code()).isEqualTo(TaskError.LIMIT_EXCEEDED);
    assertThat(o.error())
        .isEqualTo("row 5, column 'Note': 40,000 characters; at most 32,767 are allowed."
            + " 2 rows were loaded before it");
  }

  private final java.util.Random random = new java.util.Random(14);

  /** Random letters, which compress no better than text does. */
  private String letters(int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) ('a' + random.nextInt(26));
    }
    return new String(c);
  }

  private static String cell(String ref, String text) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
  }

  @Test
  void csv_aTooLongCellGivesItsFullLength() throws Exception {
    String file = "Name,E-mail,Note\r\nAnn,a@x," + "z".repeat(100_000) + "\r\n";
    Imports.Outcome o =
        imports(Limits.defaults()).run("p.csv", file.getBytes(StandardCharsets.UTF_8));
    assertThat(o.error())
        .isEqualTo("row 2, column 'Note': 100,000 characters; at most 32,767 are allowed."
            + " No rows were loaded");
  }

  @Test
  void csv_aTooWideRowGivesItsWidth() throws Exception {
    String file = "Name,E-mail\r\nAnn,a@x\r\n" + ",".repeat(599) + "\r\n";
    Imports.Outcome o =
        imports(Limits.defaults()).run("p.csv", file.getBytes(StandardCharsets.UTF_8));
    assertThat(o.error())
        .isEqualTo("row 3 has 600 columns; at most 512 are allowed. No rows were loaded");
  }

  @Test
  void xls_aTooWideRowGivesItsWidth() throws Exception {
    byte[] file;
    try (HSSFWorkbook wb = new HSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet s = wb.createSheet("people");
      s.createRow(0).createCell(0).setCellValue("Name");
      s.getRow(0).createCell(1).setCellValue("E-mail");
      org.apache.poi.ss.usermodel.Row r = s.createRow(1);
      for (int c = 0; c < 200; c++) {
        r.createCell(c).setCellValue("v" + c);
      }
      wb.write(out);
      file = out.toByteArray();
    }
    Imports.Outcome o = imports(Limits.defaults().maxColumns(100)).run("p.xls", file);
    assertThat(o.task().error().code()).isEqualTo(TaskError.LIMIT_EXCEEDED);
    assertThat(o.error())
        .isEqualTo("row 2 has 200 columns; at most 100 are allowed. No rows were loaded");
  }

  @Test
  void xlsx_tooManyRowsSaysHowManyWereLoaded() throws Exception {
    byte[] file =
        Workbooks.xlsx(
            List.of(row("Name", "E-mail"), row("a", "a@x"), row("b", "b@x"), row("c", "c@x"),
                row("d", "d@x"), row("e", "e@x")));
    Imports.Outcome o = imports(Limits.defaults().maxRows(3)).run("p.xlsx", file);
    assertThat(o.task().error().code()).isEqualTo(TaskError.LIMIT_EXCEEDED);
    assertThat(o.error())
        .isEqualTo("the file has more than 3 data rows; at most 3 are allowed (stopped at row 5)."
            + " 2 rows were loaded before it");
  }

  @Test
  void xlsx_aTooLongSharedStringGivesItsLengthAlsoWhenTheTableIsOnDisk() throws Exception {
    StringBuilder sst = new StringBuilder("<si><t>Name</t></si><si><t>E-mail</t></si>"
        + "<si><t>Note</t></si><si><t>" + letters(50_000) + "</t></si>");
    for (int i = 0; i < 40; i++) { // 1.2 million characters: the table moves to a temp file
      sst.append("<si><t>").append(letters(30_000)).append("</t></si>");
    }
    String rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
        + "<c r=\"C1\" t=\"s\"><v>2</v></c></row>"
        + "<row r=\"2\">" + cell("A2", "ann") + cell("B2", "a@x")
        + "<c r=\"C2\" t=\"s\"><v>3</v></c></row>";
    byte[] file = Packages.workbook(rows).sharedStrings(sst.toString()).zip();
    Imports.Outcome o = imports(Limits.defaults()).run("p.xlsx", file);
    assertThat(o.error())
        .isEqualTo("row 2, column 'Note': 50,000 characters; at most 32,767 are allowed."
            + " No rows were loaded");
  }
}
