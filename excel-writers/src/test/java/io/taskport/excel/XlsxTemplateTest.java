package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.RowCounts;
import io.taskport.Task;
import io.taskport.TaskStatus;
import io.taskport.excel.TemplateImports.Order;
import io.taskport.excel.TemplateImports.Payment;
import io.taskport.format.Row;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint.ValidationType;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XLSX import template as POI reads it back, and the import of a filled template. */
class XlsxTemplateTest {
  static final List<String> HEADERS = List.of("Order no", "Customer", "Ordered on", "Shipped at",
      "Amount", "Quantity", "Paid", "Payment", "Channel", "Note");

  @TempDir Path dir;
  TemplateImports imports;

  @BeforeEach
  void start() {
    imports = new TemplateImports(dir);
  }

  @AfterEach
  void stop() {
    imports.close();
  }

  @Test
  void template_hasTheHeaderMarksListsFormatsAndAnExampleRow() throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(imports.template("xlsx")))) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(2);
      XSSFSheet data = wb.getSheetAt(0);
      assertThat(data.getSheetName()).isEqualTo("Data");
      List<String> headers = new ArrayList<>();
      data.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
      assertThat(headers).isEqualTo(HEADERS);
      assertThat(data.getPaneInformation().isFreezePane()).isTrue();
      assertThat(data.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);

      XSSFCell required = data.getRow(0).getCell(0);
      XSSFCell optional = data.getRow(0).getCell(2);
      assertThat(required.getCellStyle().getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
      assertThat(required.getCellStyle().getFillForegroundColor())
          .isNotEqualTo(optional.getCellStyle().getFillForegroundColor());
      assertThat(required.getCellComment().getString().getString())
          .isEqualTo("Required: every row needs a value.");
      assertThat(data.getRow(0).getCell(9).getCellComment().getString().getString())
          .startsWith("Required column: keep it; its cells may be empty.");
      assertThat(optional.getCellComment().getString().getString())
          .isEqualTo("Optional. Enter a date (yyyy-mm-dd).");

      Map<Integer, DataValidation> byColumn = new HashMap<>();
      for (DataValidation v : data.getDataValidations()) {
        CellRangeAddress r = v.getRegions().getCellRangeAddress(0);
        assertThat(r.getFirstRow()).isEqualTo(1);
        assertThat(r.getLastRow()).isEqualTo(1_048_575);
        byColumn.put(r.getFirstColumn(), v);
      }
      assertThat(byColumn.keySet()).containsExactlyInAnyOrder(2, 4, 5, 6, 7, 8);
      assertThat(byColumn.get(6).getValidationConstraint().getExplicitListValues())
          .containsExactly("yes", "no");
      assertThat(byColumn.get(7).getValidationConstraint().getExplicitListValues())
          .containsExactly("CARD", "TRANSFER", "CASH");
      assertThat(byColumn.get(8).getValidationConstraint().getExplicitListValues())
          .containsExactly("web", "shop", "phone");
      assertThat(byColumn.get(2).getValidationConstraint().getValidationType())
          .isEqualTo(ValidationType.DATE);
      assertThat(byColumn.get(5).getValidationConstraint().getValidationType())
          .isEqualTo(ValidationType.INTEGER);
      assertThat(byColumn.get(4).getValidationConstraint().getValidationType())
          .isEqualTo(ValidationType.DECIMAL);
      assertThat(byColumn.get(7).getShowErrorBox()).isTrue();
      assertThat(byColumn.get(7).getErrorBoxText()).isEqualTo("Choose one of: CARD, TRANSFER, CASH.");

      assertThat(data.getColumnStyle(2).getDataFormatString()).isEqualTo("yyyy-mm-dd");
      assertThat(data.getColumnStyle(3).getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm");
      assertThat(data.getColumnStyle(4).getDataFormatString()).isEqualTo("#,##0.00");

      DataFormatter shown = new DataFormatter();
      List<String> example = new ArrayList<>();
      data.getRow(1).forEach(c -> example.add(shown.formatCellValue(c)));
      assertThat(example).containsExactly("SO-2024-0042", "Acme Trading Ltd", "2024-03-31",
          "2024-03-31 08:30", "1,250.00", "12", "yes", "CARD", "web", "Deliver before noon");
      assertThat(data.getRow(1).getCell(2).getLocalDateTimeCellValue())
          .isEqualTo(LocalDate.of(2024, 3, 31).atStartOfDay());
      assertThat(data.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(1250.0);

      XSSFSheet columns = wb.getSheetAt(1);
      assertThat(columns.getSheetName()).isEqualTo("Columns");
      assertThat(cells(columns.getRow(0))).containsExactly(
          "Column", "Also accepted", "Type", "Required", "Allowed values", "Example", "Rule");
      assertThat(columns.getLastRowNum()).isEqualTo(HEADERS.size());
      assertThat(cells(columns.getRow(2))).containsExactly("Customer", "customer, Client", "text",
          "yes", "", "Acme Trading Ltd", "Required: every row needs a value.");
      assertThat(cells(columns.getRow(8))).containsExactly("Payment", "payment",
          "one of the allowed values", "no", "CARD, TRANSFER, CASH", "CARD",
          "Optional. Choose one of: CARD, TRANSFER, CASH.");
      assertThat(cells(columns.getRow(10)).get(3)).isEqualTo("column required, cells may be empty");
    }
  }

  @Test
  void template_inChinese_hasChineseTextsAndListsThatImport() throws Exception {
    byte[] filled;
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(
        imports.template("xlsx", Locale.SIMPLIFIED_CHINESE)))) {
      assertThat(wb.getSheetName(0)).isEqualTo("数据");
      assertThat(wb.getSheetName(1)).isEqualTo("列说明");
      XSSFSheet data = wb.getSheetAt(0);
      assertThat(data.getRow(0).getCell(0).getCellComment().getString().getString())
          .isEqualTo("必填：每一行都需要填写。");
      assertThat(data.getRow(0).getCell(2).getCellComment().getString().getString())
          .isEqualTo("选填。请输入日期（yyyy-mm-dd）。");
      List<String> lists = new ArrayList<>();
      for (DataValidation v : data.getDataValidations()) {
        String[] values = v.getValidationConstraint().getExplicitListValues();
        if (values != null) {
          lists.add(String.join("|", values));
        }
      }
      assertThat(lists).contains("是|否");
      assertThat(data.getRow(1).getCell(6).getStringCellValue()).isEqualTo("是");
      assertThat(cells(wb.getSheetAt(1).getRow(0)))
          .containsExactly("列", "也可用的列名", "类型", "必填", "可选值", "示例", "规则");
      data.getRow(1).getCell(6).setCellValue("否");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      filled = out.toByteArray();
    }
    Task t = imports.run("订单.xlsx", filled);
    assertThat(t.result().counts()).isEqualTo(new RowCounts(1, 1, 0, 0));
    assertThat(imports.accepted.get(0).paid()).isFalse();
  }

  @Test
  void template_examplesAreRealisticNeverPlaceholders() throws Exception {
    List<Row> rows = Io.read(new CsvFormat(), imports.template("csv"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).cells()).isEqualTo(HEADERS);
    assertThat(rows.get(1).cells()).containsExactly("SO-2024-0042", "Acme Trading Ltd",
        "2024-03-31", "2024-03-31 08:30", "1250.00", "12", "yes", "CARD", "web",
        "Deliver before noon");
  }

  @Test
  void filledTemplate_imports_andADisallowedValueIsRejected() throws Exception {
    byte[] filled;
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(imports.template("xlsx")))) {
      XSSFSheet data = wb.getSheetAt(0);
      XSSFRow row = data.createRow(2);
      Object[] values = {"SO-7", "Globex", LocalDate.of(2025, 1, 2),
          LocalDateTime.of(2025, 1, 3, 14, 5), 99.5, 3.0, "no", "CASH", "shop", ""};
      for (int i = 0; i < values.length; i++) {
        XSSFCell c = row.createCell(i);
        c.setCellStyle(data.getColumnStyle(i));
        if (values[i] instanceof LocalDate d) {
          c.setCellValue(d);
        } else if (values[i] instanceof LocalDateTime t) {
          c.setCellValue(t);
        } else if (values[i] instanceof Double d) {
          c.setCellValue(d);
        } else {
          c.setCellValue(values[i].toString());
        }
      }
      XSSFRow bad = data.createRow(3);
      bad.createCell(0).setCellValue("SO-8");
      bad.createCell(1).setCellValue("Initech");
      bad.createCell(4).setCellValue(5);
      bad.createCell(8).setCellValue("fax");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      filled = out.toByteArray();
    }
    Task t = imports.run("orders.xlsx", filled);
    assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(t.result().counts()).isEqualTo(new RowCounts(3, 2, 1, 0));
    assertThat(imports.accepted).containsExactly(
        new Order("SO-2024-0042", "Acme Trading Ltd", LocalDate.of(2024, 3, 31),
            LocalDateTime.of(2024, 3, 31, 8, 30), new BigDecimal("1250"), 12, true, Payment.CARD,
            "web", "Deliver before noon"),
        new Order("SO-7", "Globex", LocalDate.of(2025, 1, 2), LocalDateTime.of(2025, 1, 3, 14, 5),
            new BigDecimal("99.5"), 3, false, Payment.CASH, "shop", null));
    try (InputStream in = imports.manager.openErrorReport(t.id(), "ann")) {
      List<Row> report = Io.read(new XlsxFormat(), in.readAllBytes());
      assertThat(String.join(" | ", report.get(1).cells()))
          .contains("'fax' is not an allowed value (use one of: web, shop, phone)");
    }
  }

  private static List<String> cells(XSSFRow row) {
    DataFormatter shown = new DataFormatter();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      out.add(row.getCell(i) == null ? "" : shown.formatCellValue(row.getCell(i)));
    }
    return out;
  }
}
