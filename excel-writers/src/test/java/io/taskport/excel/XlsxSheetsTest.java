package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.ExportRequest;
import io.taskport.Task;
import io.taskport.TaskStatus;
import io.taskport.ValidationException;
import io.taskport.format.Column;
import io.taskport.format.FormatOptions;
import io.taskport.format.RowWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports of several named sheets into one XLSX, read back with POI and Taskport's reader. */
class XlsxSheetsTest {
  @TempDir Path dir;

  @Test
  void export_writesEachSheetWithItsOwnColumns_andRollsOverPerSheet() throws Exception {
    // 3 rows per sheet (header + 2): 5 orders fill Orders, Orders (2), Orders (3)
    try (SheetExports e = new SheetExports(dir, new XlsxFormat().rowsPerSheet(3),
        List.of("Orders", "Summary"))) {
      Task t = e.run("xlsx");
      assertThat(t.status()).as("%s", t.error()).isEqualTo(TaskStatus.COMPLETED);
      byte[] file = e.file(t);
      try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file))) {
        List<String> names = new ArrayList<>();
        wb.forEach(s -> names.add(s.getSheetName()));
        assertThat(names).containsExactly(
            "Orders", "Orders (2)", "Orders (3)", "Summary", "Summary (2)");
        assertThat(shown(wb.getSheet("Orders"))).containsExactly(
            List.of("Order no", "Customer", "Day", "Amount"),
            List.of("SO-1", "Acme", "2024-03-01", "1,250.00"),
            List.of("SO-2", "Globex", "2024-03-02", "99.50"));
        assertThat(shown(wb.getSheet("Orders (3)"))).containsExactly(
            List.of("Order no", "Customer", "Day", "Amount"),
            List.of("SO-5", "Globex", "2024-03-05", "1.00"));
        assertThat(shown(wb.getSheet("Summary"))).containsExactly(
            List.of("Customer", "Orders", "Amount"),
            List.of("Acme", "2", "1260.25"),
            List.of("Globex", "2", "100.5"));
        assertThat(shown(wb.getSheet("Summary (2)"))).containsExactly(
            List.of("Customer", "Orders", "Amount"), List.of("上海贸易", "1", "7"));
      }
      assertThat(Io.cells(Io.read(new XlsxFormat(), file,
          FormatOptions.defaults().sheetName("Summary")))).containsExactly(
          List.of("Customer", "Orders", "Amount"), List.of("Acme", "2", "1260.25"),
          List.of("Globex", "2", "100.5"));
    }
  }

  @Test
  void submit_refusesCsv_andSheetNamesExcelWouldRefuse() {
    try (SheetExports e = new SheetExports(dir, new XlsxFormat(), List.of("Orders", "Summary"))) {
      assertThatThrownBy(() -> e.manager.submit(ExportRequest.of("orders", "ann").format("csv")))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("export 'orders' writes 2 sheets (Orders, Summary), which a csv"
              + " file cannot hold; export it as xlsx");
    }
    refused(List.of("Orders", "orders"), "sheet name 'orders' is used twice");
    try (SheetExports e = new SheetExports(dir, new XlsxFormat(), List.of("订单", "订单"))) {
      assertThatThrownBy(() -> e.manager.submit(ExportRequest.of("orders", "ann").format("xlsx")
          .locale(Locale.SIMPLIFIED_CHINESE)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("导出“orders”：工作表名称“订单”重复使用；每个工作表都需要不同的名称");
      assertThatThrownBy(() -> e.manager.submit(ExportRequest.of("orders", "ann").format("csv")
          .locale(Locale.SIMPLIFIED_CHINESE)))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("工作表名称“订单”重复使用");
    }
    refused(List.of("Orders: March", "Summary"), "sheet name 'Orders: March' contains ':'");
    refused(List.of("Orders", "A summary of every order in March"),
        "has 33 characters; Excel allows at most 31");
    refused(List.of("Orders", " "), "a sheet name must not be empty");
    refused(List.of("'Orders'", "Summary"), "must not start or end with an apostrophe");
  }

  private void refused(List<String> sheets, String message) {
    try (SheetExports e = new SheetExports(dir, new XlsxFormat(), sheets)) {
      assertThatThrownBy(() -> e.manager.submit(ExportRequest.of("orders", "ann").format("xlsx")))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("export 'orders': ")
          .hasMessageContaining(message);
    }
  }

  @Test
  void handler_thatStartsAnUndeclaredSheet_failsTheTask() {
    try (SheetExports e = new SheetExports(dir, new XlsxFormat(), List.of("Orders", "Summary"),
        "Totals")) {
      Task t = e.run("xlsx");
      assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(t.error().message()).isEqualTo("the export declares the sheets [Orders,"
          + " Summary] (ExportHandler.sheets); the next one is 'Summary', not 'Totals'");
    }
  }

  @Test
  void handler_thatLeavesADeclaredSheetOut_failsTheTask() {
    try (SheetExports e = new SheetExports(dir, new XlsxFormat(), List.of("Orders", "Totals",
        "Summary"))) {
      Task t = e.run("xlsx");
      assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(t.error().message()).isEqualTo("the export declares the sheets [Orders, Totals,"
          + " Summary] but started only 2 of them with RowSink.sheet");
    }
  }

  @Test
  void writer_namesSheets_refusesDuplicates_andKeepsDefaultNamesApart() throws Exception {
    List<Column<String>> one = List.of(Column.text("A", s -> s));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RowWriter w = new XlsxFormat().openWriter(out, one, FormatOptions.defaults())) {
      w.write(List.of("x"));
      w.sheet("Sheet1", one);
      assertThatThrownBy(() -> w.sheet("SHEET1", one))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("sheet name 'SHEET1' is used twice; every sheet needs its own name");
      assertThatThrownBy(() -> w.sheet("a/b", one))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains '/'");
      w.write(List.of("y"));
      w.finish();
    }
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(wb.getSheetName(0)).isEqualTo("Sheet1_");
      assertThat(wb.getSheetName(1)).isEqualTo("Sheet1");
      assertThat(shown(wb.getSheetAt(1))).containsExactly(List.of("A"), List.of("y"));
    }
    assertThatThrownBy(() -> new CsvFormat().openWriter(new ByteArrayOutputStream(), one,
        FormatOptions.defaults()).sheet("Two", one))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  static List<List<String>> shown(XSSFSheet sheet) {
    DataFormatter f = new DataFormatter();
    List<List<String>> rows = new ArrayList<>();
    for (Row r : sheet) {
      List<String> cells = new ArrayList<>();
      r.forEach(c -> cells.add(f.formatCellValue(c)));
      rows.add(cells);
    }
    return rows;
  }
}
