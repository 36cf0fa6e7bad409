package io.taskport.excel;

import io.taskport.format.ColumnType;
import io.taskport.format.TemplateColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationConstraint.OperatorType;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * Writes the XLSX import template with POI's workbook model (it is a few rows): a data sheet
 * whose header marks required columns with a fill and carries each column's rule as a note, with
 * drop-down lists for enums, booleans and declared values, number and date formats on the
 * columns, a frozen header and an example row; then a sheet describing every column.
 */
final class XlsxTemplate {
  /** Explicit list validations are limited to 255 characters; longer lists go to a sheet. */
  private static final int MAX_EXPLICIT = 255;
  /** The texts an import reads as true; the example of a boolean column shows yes or no. */
  private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "on", "是", "√");

  private final XSSFWorkbook wb = new XSSFWorkbook();
  private final CellStyle required = header(IndexedColors.LIGHT_ORANGE);
  private final CellStyle optional = header(IndexedColors.GREY_25_PERCENT);
  private final CellStyle date = format("yyyy-mm-dd");
  private final CellStyle dateTime = format("yyyy-mm-dd hh:mm");
  private final CellStyle decimal = format("#,##0.00");
  private final CellStyle integer = format("0");
  private final CellStyle text = format("@");
  private final TemplateTexts texts;
  private @Nullable XSSFSheet lists;

  private XlsxTemplate(TemplateTexts texts) {
    this.texts = texts;
  }

  static void write(OutputStream out, List<TemplateColumn> columns, TemplateTexts texts)
      throws IOException {
    XlsxTemplate t = new XlsxTemplate(texts);
    try (XSSFWorkbook wb = t.wb) {
      XSSFSheet data = wb.createSheet(texts.dataSheet());
      XSSFSheet described = wb.createSheet(texts.columnsSheet());
      t.data(data, columns);
      t.describe(described, columns);
      if (t.lists != null) {
        wb.setSheetHidden(wb.getSheetIndex(t.lists), true);
      }
      wb.write(out);
    }
  }

  private CellStyle header(IndexedColors fill) {
    CellStyle s = wb.createCellStyle();
    Font f = wb.createFont();
    f.setBold(true);
    s.setFont(f);
    s.setFillForegroundColor(fill.getIndex());
    s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
    return s;
  }

  private CellStyle format(String pattern) {
    CellStyle s = wb.createCellStyle();
    s.setDataFormat(wb.createDataFormat().getFormat(pattern));
    return s;
  }

  private void data(XSSFSheet sheet, List<TemplateColumn> columns) {
    Row head = sheet.createRow(0);
    Row example = sheet.createRow(1);
    Drawing<?> drawing = sheet.createDrawingPatriarch();
    DataValidationHelper dv = sheet.getDataValidationHelper();
    int last = SpreadsheetVersion.EXCEL2007.getLastRowIndex();
    for (int i = 0; i < columns.size(); i++) {
      TemplateColumn c = columns.get(i);
      Cell h = head.createCell(i);
      h.setCellValue(c.header());
      h.setCellStyle(c.required() ? required : optional);
      ClientAnchor anchor = wb.getCreationHelper().createClientAnchor();
      anchor.setCol1(i);
      anchor.setCol2(i + 3);
      anchor.setRow1(0);
      anchor.setRow2(4);
      Comment note = drawing.createCellComment(anchor);
      note.setString(new XSSFRichTextString(texts.rule(c)));
      note.setAuthor("Taskport");
      h.setCellComment(note);
      CellStyle style = styleOf(c);
      sheet.setDefaultColumnStyle(i, style);
      example(example.createCell(i), c, style);
      DataValidationConstraint constraint = constraint(dv, c, i);
      if (constraint != null) {
        DataValidation v = dv.createValidation(constraint, new CellRangeAddressList(1, last, i, i));
        v.setShowErrorBox(true);
        v.setErrorStyle(DataValidation.ErrorStyle.STOP);
        v.createErrorBox(texts.invalidTitle(), texts.invalid(c));
        v.setShowPromptBox(true);
        v.createPromptBox(c.header(), texts.rule(c));
        v.setEmptyCellAllowed(true);
        if (constraint.getValidationType() == DataValidationConstraint.ValidationType.LIST) {
          v.setSuppressDropDownArrow(true); // XSSF: true shows the arrow
        }
        sheet.addValidationData(v);
      }
      int width = Math.max(c.header().length(), c.example().length()) + 4;
      sheet.setColumnWidth(i, Math.min(60, Math.max(12, width)) * 256);
    }
    sheet.createFreezePane(0, 1);
  }

  private CellStyle styleOf(TemplateColumn c) {
    if (!c.allowed().isEmpty()) {
      return text;
    }
    return switch (c.type()) {
      case DATE -> date;
      case DATETIME -> dateTime;
      case DECIMAL -> decimal;
      case INTEGER -> integer;
      default -> text;
    };
  }

  private void example(Cell cell, TemplateColumn c, CellStyle style) {
    cell.setCellStyle(style);
    String e = c.example();
    try {
      if (c.allowed().isEmpty()) {
        switch (c.type()) {
          case INTEGER, DECIMAL -> {
            cell.setCellValue(new BigDecimal(e.strip()).doubleValue());
            return;
          }
          case DATE -> {
            cell.setCellValue(LocalDate.parse(e.strip()));
            return;
          }
          case DATETIME -> {
            cell.setCellValue(LocalDateTime.parse(e.strip().replace(' ', 'T')));
            return;
          }
          case BOOLEAN -> {
            cell.setCellValue(TRUE.contains(e.strip().toLowerCase(Locale.ROOT))
                ? texts.yes() : texts.no());
            return;
          }
          default -> {}
        }
      }
    } catch (NumberFormatException | DateTimeParseException ignored) {
      // an example the type does not parse stays text, as the handler wrote it
    }
    cell.setCellValue(e);
  }

  private @Nullable DataValidationConstraint constraint(DataValidationHelper dv, TemplateColumn c, int i) {
    List<String> values = !c.allowed().isEmpty() ? c.allowed()
        : c.type() == ColumnType.BOOLEAN ? List.of(texts.yes(), texts.no())
        : null;
    if (values != null) {
      String joined = String.join(",", values);
      boolean plain = joined.length() <= MAX_EXPLICIT
          && values.stream().noneMatch(v -> v.contains(",") || v.contains("\""));
      return plain ? dv.createExplicitListConstraint(values.toArray(String[]::new))
          : dv.createFormulaListConstraint(listRange(values, i));
    }
    return switch (c.type()) {
      case INTEGER -> dv.createIntegerConstraint(
          OperatorType.BETWEEN, "-999999999999999", "999999999999999");
      case DECIMAL -> dv.createDecimalConstraint(OperatorType.BETWEEN, "-1E+15", "1E+15");
      case DATE -> dv.createDateConstraint(
          OperatorType.BETWEEN, "DATE(1900,3,1)", "DATE(9999,12,31)", null);
      default -> null;
    };
  }

  /** Writes a long list into column {@code i} of the hidden lists sheet; returns its range. */
  private String listRange(List<String> values, int i) {
    if (lists == null) {
      lists = wb.createSheet(texts.listsSheet());
    }
    for (int r = 0; r < values.size(); r++) {
      Row row = lists.getRow(r) == null ? lists.createRow(r) : lists.getRow(r);
      row.createCell(i).setCellValue(values.get(r));
    }
    String col = Cells.letters(i);
    return "'" + texts.listsSheet() + "'!$" + col + "$1:$" + col + "$" + values.size();
  }

  private void describe(XSSFSheet sheet, List<TemplateColumn> columns) {
    Row head = sheet.createRow(0);
    List<String> headings = texts.headings();
    for (int k = 0; k < headings.size(); k++) {
      Cell cell = head.createCell(k);
      cell.setCellValue(headings.get(k));
      cell.setCellStyle(optional);
    }
    for (int i = 0; i < columns.size(); i++) {
      TemplateColumn c = columns.get(i);
      Row row = sheet.createRow(i + 1);
      String[] cells = {c.header(), String.join(", ", c.aliases()), texts.type(c),
          texts.required(c), String.join(", ", c.allowed()), c.example(),
          texts.rule(c)};
      for (int k = 0; k < cells.length; k++) {
        row.createCell(k).setCellValue(cells[k]);
      }
    }
    int[] widths = {24, 24, 30, 14, 36, 24, 60};
    for (int k = 0; k < widths.length; k++) {
      sheet.setColumnWidth(k, widths[k] * 256);
    }
    sheet.createFreezePane(0, 1);
  }
}
