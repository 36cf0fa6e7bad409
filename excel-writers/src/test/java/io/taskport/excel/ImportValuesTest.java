package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.RowCounts;
import io.taskport.format.Column;
import io.taskport.format.FormatOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dates, date-times and booleans imported from real workbooks as the spreadsheet shows them. */
class ImportValuesTest {
  private static final String HEADER =
      row(1, text("A", "Name") + text("B", "E-mail") + text("C", "Born") + text("D", "Seen")
          + text("E", "Note"));

  @TempDir Path dir;
  private Imports imports;

  @AfterEach
  void close() {
    if (imports != null) {
      imports.close();
    }
  }

  private static String row(int r, String cells) {
    return "<row r=\"" + r + "\">" + cells + "</row>";
  }

  private static String text(String ref, String value) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + value + "</t></is></c>";
  }

  private static String person(int r, String born) {
    return text("A" + r, "p" + r) + text("B" + r, "p" + r + "@x.io") + born;
  }

  @Test
  void xlsx_serialsFollowTheSpreadsheetCalendarAndKeepMilliseconds() throws Exception {
    byte[] file =
        Packages.workbook(
                HEADER
                    + row(2, person(2, "<c r=\"C2\" s=\"1\"><v>59</v></c>"))
                    + row(3, person(3, "<c r=\"C3\" s=\"1\"><v>60</v></c>"))
                    + row(4, person(4, "<c r=\"C4\" s=\"1\"><v>61</v></c>"))
                    + row(5, person(5, "<c r=\"C5\" s=\"1\"><v>2958465</v></c>"))
                    + row(6, person(6, "<c r=\"D6\" s=\"2\"><v>45382.3541695602</v></c>"
                        + "<c r=\"E6\" t=\"b\"><v>1</v></c>")))
            .zip();
    imports = new Imports(dir);
    Imports.Outcome o = imports.run("p.xlsx", file);
    assertThat(o.task().result().counts()).isEqualTo(new RowCounts(5, 4, 1, 0));
    assertThat(o.accepted()).extracting(Imports.Person::born)
        .containsExactly(LocalDate.of(1900, 2, 28), LocalDate.of(1900, 3, 1),
            LocalDate.of(9999, 12, 31), null);
    Imports.Person last = o.accepted().get(3);
    assertThat(last.seen()).isEqualTo(LocalDateTime.of(2024, 3, 31, 8, 30, 0, 250_000_000));
    assertThat(last.note()).isEqualTo("TRUE");
    assertThat(o.report().get(1).cells()).containsExactly("p3", "p3@x.io", "1900-02-29", "", "",
        "row 3: Born: 1900-02-29 does not exist (a spreadsheet shows it for serial 60, an error"
            + " kept from Lotus 1-2-3); enter the date you mean");
  }

  @Test
  void xlsx_serialsOfA1904WorkbookCountFrom1904EvenWithoutADateStyle() throws Exception {
    byte[] file =
        Packages.workbook(
                HEADER
                    + row(2, person(2, "<c r=\"C2\" s=\"1\"><v>0</v></c>"))
                    + row(3, person(3, "<c r=\"C3\"><v>45382</v></c>")))
            .workbookXml("<workbookPr date1904=\"1\"/>")
            .zip();
    imports = new Imports(dir);
    Imports.Outcome o = imports.run("p.xlsx", file);
    assertThat(o.accepted()).extracting(Imports.Person::born)
        .containsExactly(LocalDate.of(1904, 1, 1), LocalDate.of(2028, 4, 1));
  }

  @Test
  void xls_readsBooleansAsShownAndRefusesTheFictitiousLeapDay() throws Exception {
    byte[] file;
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
      var sheet = wb.createSheet("People");
      var h = sheet.createRow(0);
      String[] headers = {"Name", "E-mail", "Born", "Note"};
      for (int i = 0; i < headers.length; i++) {
        h.createCell(i).setCellValue(headers[i]);
      }
      double[] serials = {59, 60, 61};
      for (int r = 1; r <= 3; r++) {
        var row = sheet.createRow(r);
        row.createCell(0).setCellValue("p" + r);
        row.createCell(1).setCellValue("p" + r + "@x.io");
        row.createCell(2).setCellValue(serials[r - 1]);
        row.getCell(2).setCellStyle(date);
        row.createCell(3).setCellValue(r != 2);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      file = out.toByteArray();
    }
    imports = new Imports(dir);
    Imports.Outcome o = imports.run("p.xls", file);
    assertThat(o.accepted()).extracting(Imports.Person::born)
        .containsExactly(LocalDate.of(1900, 2, 28), LocalDate.of(1900, 3, 1));
    assertThat(o.accepted()).extracting(Imports.Person::note).containsExactly("TRUE", "TRUE");
    assertThat(o.report().get(1).cells()).startsWith("p2", "p2@x.io", "1900-02-29", "FALSE");
  }

  @Test
  void csvAndXlsx_aReportOfRejectedRowsImportsBackAsTheUserSeesIt() throws Exception {
    imports = new Imports(dir);
    String csv = "Name,E-mail,Note\r\nAnn,,=1+2\r\nBob,b@x,'-x\r\nCid,c@x,'=SUM(A1)\r\n";
    Imports.Outcome first = imports.run("p.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(first.accepted()).extracting(Imports.Person::note)
        .containsExactly("-x", "=SUM(A1)");
    assertThat(first.report().get(1).cells()).startsWith("Ann", "", "=1+2");

    byte[] corrected = Io.write(new CsvFormat(), List.of(Column.text("Name", (List<?> r) -> r.get(0)),
            Column.text("E-mail", (List<?> r) -> r.get(1)), Column.text("Note", (List<?> r) -> r.get(2))),
        FormatOptions.defaults(), List.of(List.of("Ann", "a@x", "=1+2")));
    assertThat(new String(corrected, StandardCharsets.UTF_8)).contains("'=1+2");
    assertThat(imports.run("p.csv", corrected).accepted()).extracting(Imports.Person::note)
        .containsExactly("=1+2");

    byte[] xlsx = Io.write(new XlsxFormat(), List.of(Column.text("Name", (List<?> r) -> r.get(0)),
            Column.text("E-mail", (List<?> r) -> r.get(1)), Column.text("Note", (List<?> r) -> r.get(2))),
        FormatOptions.defaults(), List.of(List.of("Ann", "a@x", "@cmd")));
    assertThat(imports.run("p.xlsx", xlsx).accepted()).extracting(Imports.Person::note)
        .containsExactly("@cmd");
  }

  @Test
  void xlsx_theErrorReportKeepsEachCellsType() throws Exception {
    byte[] file =
        Packages.workbook(
                row(1, text("A1", "Name") + text("B1", "E-mail") + text("C1", "Score")
                    + text("D1", "Born") + text("E1", "Paid") + text("F1", "Code"))
                + row(2, text("A2", "ann") + "<c r=\"C2\"><v>12.5</v></c>"
                    + "<c r=\"D2\" s=\"1\"><v>45382</v></c><c r=\"E2\" t=\"b\"><v>1</v></c>"
                    + text("F2", "007"))
                + row(3, text("A3", "bob") + "<c r=\"C3\"><v>3</v></c>" + text("F3", "12")))
            .zip();
    imports = new Imports(dir);
    Imports.Outcome o = imports.run("p.xlsx", file);
    assertThat(o.task().result().counts().rejected()).isEqualTo(2);
    try (var in = new java.io.ByteArrayInputStream(o.reportBytes());
        var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
      var sheet = wb.getSheetAt(0);
      var r2 = sheet.getRow(1);
      assertThat(r2.getCell(2).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
      assertThat(r2.getCell(2).getNumericCellValue()).isEqualTo(12.5);
      assertThat(r2.getCell(3).getLocalDateTimeCellValue().toLocalDate())
          .isEqualTo(LocalDate.of(2024, 3, 31));
      assertThat(r2.getCell(4).getBooleanCellValue()).isTrue();
      assertThat(r2.getCell(5).getStringCellValue()).isEqualTo("007");
      assertThat(sheet.getRow(2).getCell(5).getCellType())
          .isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
    }
  }
}
