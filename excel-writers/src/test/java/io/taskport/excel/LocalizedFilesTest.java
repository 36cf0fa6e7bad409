package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.Task;
import io.taskport.TaskStatus;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in the user's language: row errors of the XLSX error report, the template's headers, and
 * a header accepted in either of the handler bundle's languages; read back with POI.
 */
class LocalizedFilesTest {
  static final List<List<String>> CHINESE_WITH_BAD_ROWS =
      List.of(
          List.of("商品编码", "数量", "交货日期"),
          List.of("A-1", "3", "2024-03-31"),
          List.of("A-2", "abc", "2024-04-01"),
          List.of("", "0", "明天"),
          List.of("A-4", "5", ""));

  @Test
  void aChineseImportWritesChineseRowErrorsInTheXlsxReport(@TempDir Path dir) throws Exception {
    try (LocalizedOrders orders = new LocalizedOrders(dir)) {
      Task t = orders.run("订单.xlsx", LocalizedOrders.xlsx(CHINESE_WITH_BAD_ROWS), Locale.CHINA);
      assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(t.locale()).isEqualTo("zh-CN");
      assertThat(t.result().counts().imported()).isEqualTo(2);
      assertThat(t.result().counts().rejected()).isEqualTo(2);
      List<List<String>> report = sheet(orders.report(t));
      assertThat(report.get(0)).containsExactly("商品编码", "数量", "交货日期", "错误");
      assertThat(report.get(1)).startsWith("A-2", "abc");
      assertThat(report.get(1).get(3)).isEqualTo("第 3 行：“数量”列必须是整数，实际是“abc”");
      assertThat(report.get(2).get(3))
          .isEqualTo(
              "第 4 行：“商品编码”列必须填写；“交货日期”列必须是日期（如 2024-03-31 或 2024/3/31），"
                  + "实际是“明天”");
    }
  }

  @Test
  void theHandlersOwnCheckIsWrittenFromItsBundleInTheTasksLanguage(@TempDir Path dir)
      throws Exception {
    List<List<String>> rows = List.of(List.of("SKU", "Quantity"), List.of("B-1", "0"));
    try (LocalizedOrders orders = new LocalizedOrders(dir)) {
      Task zh = orders.run("o.xlsx", LocalizedOrders.xlsx(rows), Locale.CHINA);
      assertThat(sheet(orders.report(zh)).get(1).get(2))
          .isEqualTo("第 2 行：“数量”列：必须至少为 1，实际是 0");
      Task en = orders.run("o.xlsx", LocalizedOrders.xlsx(rows), Locale.ENGLISH);
      assertThat(sheet(orders.report(en)).get(0)).containsExactly("SKU", "Quantity", "errors");
      assertThat(sheet(orders.report(en)).get(1).get(2))
          .isEqualTo("row 2: Quantity: must be at least 1, was 0");
    }
  }

  @Test
  void anEnglishTaskKeepsTodaysEnglishRowErrors(@TempDir Path dir) throws Exception {
    List<List<String>> rows =
        List.of(List.of("SKU", "Quantity", "Delivery"), List.of("", "4.5", "2024-02-30"));
    try (LocalizedOrders orders = new LocalizedOrders(dir)) {
      Task t = orders.run("o.xlsx", LocalizedOrders.xlsx(rows), null);
      assertThat(t.locale()).isNull();
      assertThat(sheet(orders.report(t)).get(1).get(3))
          .isEqualTo(
              "row 2: SKU: a value is required; Quantity: '4.5' is not a whole number; Delivery:"
                  + " '2024-02-30' is not a date such as 2024-03-31 or 2024/3/31");
    }
  }

  @Test
  void aHeaderInEitherLanguageOfTheBundleImports(@TempDir Path dir) throws Exception {
    List<List<String>> english =
        List.of(List.of("SKU", "Quantity", "Delivery date"), List.of("C-1", "2", "2024-05-01"));
    List<List<String>> chinese =
        List.of(List.of("交货日期", "商品编码", "数量"), List.of("2024-05-02", "C-2", "7"));
    try (LocalizedOrders orders = new LocalizedOrders(dir)) {
      Task en = orders.run("en.xlsx", LocalizedOrders.xlsx(english), Locale.CHINA);
      Task zh = orders.run("zh.xlsx", LocalizedOrders.xlsx(chinese), Locale.ENGLISH);
      assertThat(en.result().counts().imported()).isEqualTo(1);
      assertThat(zh.result().counts().imported()).isEqualTo(1);
      assertThat(orders.accepted)
          .extracting(LocalizedOrders.Order::sku, LocalizedOrders.Order::quantity)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("C-1", 2),
              org.assertj.core.groups.Tuple.tuple("C-2", 7));
      assertThat(orders.accepted.get(1).delivery()).hasToString("2024-05-02");
    }
  }

  @Test
  void aMissingColumnIsNamedByItsLabelInTheTasksLanguage(@TempDir Path dir) throws Exception {
    List<List<String>> rows = List.of(List.of("商品编码", "备注"), List.of("D-1", "x"));
    try (LocalizedOrders orders = new LocalizedOrders(dir)) {
      Task t = orders.run("o.xlsx", LocalizedOrders.xlsx(rows), Locale.CHINA);
      assertThat(t.status()).isEqualTo(TaskStatus.FAILED);
      assertThat(t.error().message())
          .isEqualTo(
              "文件缺少必填列“数量”：前 2 个非空行都没有这一列，最接近表头的第 1 行只有其中 1 列；"
                  + "请补上列名后重新上传");
    }
  }

  @Test
  void theTemplateIsWrittenWithTheHeadersInTheUsersLanguage(@TempDir Path dir) throws Exception {
    try (LocalizedOrders orders = new LocalizedOrders(dir)) {
      assertThat(sheet(orders.template("xlsx", Locale.CHINA)).get(0))
          .containsExactly("商品编码", "数量", "交货日期");
      assertThat(sheet(orders.template("xlsx", Locale.ENGLISH)).get(0))
          .containsExactly("SKU", "Quantity", "Delivery date");
      String csv = new String(orders.template("csv", Locale.CHINA), StandardCharsets.UTF_8);
      assertThat(csv.lines().findFirst().orElseThrow().replace("\uFEFF", "").replace("\"", ""))
          .isEqualTo("商品编码,数量,交货日期");
      // the Chinese template imports as it is, example row included
      Task t = orders.run("模板.xlsx", orders.template("xlsx", Locale.CHINA), Locale.CHINA);
      assertThat(t.result().counts().rejected()).isZero();
    }
  }

  /** Reads the first sheet with POI, each cell as the user sees it. */
  static List<List<String>> sheet(byte[] xlsx) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    DataFormatter f = new DataFormatter(Locale.ROOT);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet s = wb.getSheetAt(0);
      for (var row : s) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
          var cell = row.getCell(c);
          cells.add(cell == null ? "" : f.formatCellValue(cell));
        }
        rows.add(cells);
      }
    }
    return rows;
  }
}
