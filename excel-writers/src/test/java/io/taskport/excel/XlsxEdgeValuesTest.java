package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The edge rows through Taskport's reader and through POI's XSSFWorkbook, over three sheets. */
class XlsxEdgeValuesTest {
  private final XlsxFormat xlsx = new XlsxFormat().rowsPerSheet(XlsxLibreOfficeIT.ROWS_PER_SHEET);

  private byte[] write() throws Exception {
    return Io.write(xlsx, XlsxEdgeRows.COLUMNS, FormatOptions.defaults(), XlsxEdgeRows.ROWS);
  }

  @Test
  void read_givesBackEveryValueOfEverySheet() throws Exception {
    byte[] bytes = write();
    List<List<String>> all = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      List<Row> rows = Io.read(xlsx, bytes, FormatOptions.defaults().sheetIndex(s));
      assertThat(rows.get(0).cells()).isEqualTo(XlsxEdgeRows.READ.get(0));
      rows.subList(1, rows.size()).forEach(r -> all.add(r.cells()));
    }
    assertThat(all).containsExactlyElementsOf(
        XlsxEdgeRows.READ.subList(1, XlsxEdgeRows.READ.size()));
  }

  @Test
  void poi_readsTheSameValuesTypesAndFormats() throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(write()))) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(3);
      int per = XlsxLibreOfficeIT.ROWS_PER_SHEET - 1;
      for (int i = 0; i < XlsxEdgeRows.ROWS.size(); i++) {
        var sheet = wb.getSheetAt(i / per);
        var row = sheet.getRow(1 + i % per);
        List<?> values = XlsxEdgeRows.ROWS.get(i);
        for (int c = 0; c < values.size(); c++) {
          Cell cell = row.getCell(c);
          String at = "row " + (i + 1) + " column " + XlsxEdgeRows.COLUMNS.get(c).header();
          if (values.get(c) == null) {
            assertThat(cell).as(at).isNull();
          } else {
            check(cell, values.get(c), c, at);
          }
        }
      }
    }
  }

  private static void check(Cell cell, Object v, int column, String at) {
    String format = cell.getCellStyle().getDataFormatString();
    switch (column) {
      case 0, 8 -> {
        assertThat(cell.getCellType()).as(at).isEqualTo(CellType.STRING);
        assertThat(cell.getStringCellValue()).as(at).isEqualTo(v);
      }
      case 1 -> {
        long l = v instanceof BigInteger b ? b.bitLength() < 64 ? b.longValue() : Long.MAX_VALUE
            : ((Number) v).longValue();
        if (l >= -999_999_999_999_999L && l <= 999_999_999_999_999L) {
          assertThat(cell.getCellType()).as(at).isEqualTo(CellType.NUMERIC);
          assertThat(cell.getNumericCellValue()).as(at).isEqualTo((double) l);
        } else { // Excel would round it: the exact digits as text
          assertThat(cell.getCellType()).as(at).isEqualTo(CellType.STRING);
          assertThat(cell.getStringCellValue()).as(at).isEqualTo(v.toString());
        }
      }
      case 2, 3 -> {
        assertThat(cell.getCellType()).as(at).isEqualTo(CellType.NUMERIC);
        double expected = v instanceof BigDecimal b ? b.doubleValue() : ((Number) v).doubleValue();
        assertThat(cell.getNumericCellValue()).as(at).isEqualTo(expected);
        assertThat(format).as(at).isEqualTo(column == 3 ? "#,##0.00" : "General");
      }
      case 4, 5 -> {
        LocalDate d = (LocalDate) v;
        if (d.isBefore(LocalDate.of(1900, 3, 1))) { // Excel and LibreOffice differ: ISO text
          assertThat(cell.getCellType()).as(at).isEqualTo(CellType.STRING);
          assertThat(cell.getStringCellValue()).as(at).isEqualTo(d.toString());
        } else {
          assertThat(DateUtil.isCellDateFormatted(cell)).as(at).isTrue();
          assertThat(cell.getLocalDateTimeCellValue().toLocalDate()).as(at).isEqualTo(d);
          assertThat(format).as(at).isEqualTo(column == 4 ? "yyyy-mm-dd" : "dd.mm.yyyy");
        }
      }
      case 6 -> {
        if (((LocalDateTime) v).getYear() == 1900 && ((LocalDateTime) v).getMonthValue() < 3) {
          assertThat(cell.getStringCellValue()).as(at).isEqualTo(Cells.iso((LocalDateTime) v));
          return;
        }
        assertThat(DateUtil.isCellDateFormatted(cell)).as(at).isTrue();
        LocalDateTime t = DateUtil.getLocalDateTime(cell.getNumericCellValue(), false, true);
        assertThat(t).as(at).isEqualTo(v);
        assertThat(format).as(at).isEqualTo("yyyy-mm-dd hh:mm:ss");
      }
      case 7 -> {
        assertThat(cell.getCellType()).as(at).isEqualTo(CellType.BOOLEAN);
        assertThat(cell.getBooleanCellValue()).as(at).isEqualTo(v);
      }
      default -> throw new AssertionError(at);
    }
  }

  @Test
  void write_sharesRepeatedTextAndInlinesLongText() throws Exception {
    String sheet3 = null;
    String strings = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(write()))) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        String text = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        if (e.getName().equals("xl/worksheets/sheet3.xml")) {
          sheet3 = text;
        } else if (e.getName().equals("xl/sharedStrings.xml")) {
          strings = text;
        }
      }
    }
    assertThat(strings).contains("<t>Berlin</t>").containsOnlyOnce("Berlin")
        .contains("_x0001__x000B__x001F__xFFFE_").contains("_x005F_x0041_ lit &amp; &lt;b&gt;")
        .contains("line1\nline2&#13;\nline3").contains("<t xml:space=\"preserve\">  spaced  </t>");
    assertThat(sheet3).contains("t=\"inlineStr\"><is><t>inline xxx")
        .contains(" _x0002_ _x005F_x0042_ &lt;&amp;&gt; \uD83D\uDE00</t>");
  }

  @Test
  void write_stopsSharingAMostlyUniqueColumnAndBoundsTheTable() {
    XlsxStrings t = new XlsxStrings(2);
    for (int i = 0; i < 10_000; i++) {
      t.indexOf(0, "unique " + i);
      assertThat(t.indexOf(1, "city " + (i % 7))).isBetween(0, XlsxStrings.MAX_ENTRIES - 1);
    }
    assertThat(t.indexOf(0, "unique 0")).isEqualTo(-1); // column 0 no longer shares
    assertThat(t.size()).isLessThan(XlsxStrings.PROBE + 7);
    XlsxStrings full = new XlsxStrings(1);
    for (int i = 0; i < 3 * (XlsxStrings.MAX_ENTRIES + 100); i++) {
      full.indexOf(0, "v" + i / 3); // each value three times: the column keeps sharing
    }
    assertThat(full.size()).isEqualTo(XlsxStrings.MAX_ENTRIES);
    assertThat(full.indexOf(0, "v0")).isZero();
    assertThat(full.indexOf(0, "new")).isEqualTo(-1);
    assertThat(new XlsxStrings(1).indexOf(0, "x".repeat(XlsxStrings.MAX_LENGTH + 1))).isEqualTo(-1);
  }
}
