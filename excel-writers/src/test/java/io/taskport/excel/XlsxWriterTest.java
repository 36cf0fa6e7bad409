package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxWriterTest {
  private final XlsxFormat xlsx = new XlsxFormat();

  @Test
  void roundTrip_keepsEveryTypeNullsUnicodeAndNewlines() throws Exception {
    byte[] bytes = Io.write(xlsx, CsvFormatTest.allTypes(), FormatOptions.defaults(),
        CsvFormatTest.allTypeRows());
    List<Row> rows = Io.read(xlsx, bytes);

    assertThat(Io.cells(rows)).containsExactly(
        List.of("Text", "Int", "Dec", "Date", "When", "Ok"),
        List.of("中文 テキスト 😀", "123456789012345", "12.5", "2024-03-01", "2024-03-01T08:30:05",
            "true"),
        List.of("line1\nline2\r\nline3, \"quoted\"", "100000000000000000000", "0.1",
            "1900-01-01", "2024-12-31T23:59:59", "false"),
        List.of("x".repeat(30_000), "-5", "1", "9999-12-31", "2000-01-01", "true"));
    assertThat(rows).extracting(Row::number).containsExactly(1L, 2L, 4L, 5L);
  }

  @Test
  void write_usesRealCellTypesBoldFrozenHeaderAndDateFormats() throws Exception {
    byte[] bytes = Io.write(xlsx, CsvFormatTest.allTypes(), FormatOptions.defaults(),
        CsvFormatTest.allTypeRows());
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      var sheet = wb.getSheetAt(0);
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
      var header = sheet.getRow(0).getCell(0);
      assertThat(wb.getFontAt(header.getCellStyle().getFontIndex()).getBold()).isTrue();
      var row = sheet.getRow(1);
      assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
      assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(row.getCell(3).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
      assertThat(row.getCell(4).getCellStyle().getDataFormatString())
          .isEqualTo("yyyy-mm-dd hh:mm:ss");
      assertThat(DateUtil.isCellDateFormatted(row.getCell(4))).isTrue();
      assertThat(row.getCell(5).getCellType()).isEqualTo(CellType.BOOLEAN);
      assertThat(sheet.getColumnWidth(0)).isGreaterThan(sheet.getColumnWidth(5));
      assertThat(sheet.getRow(2).getPhysicalNumberOfCells()).isZero(); // the all-null row
    }
  }

  @Test
  void write_appliesColumnPatterns() throws Exception {
    List<Column<List<?>>> cols = List.of(
        Column.<List<?>>of("d", ColumnType.DATE, r -> r.get(0)).pattern("dd.MM.yyyy"),
        Column.<List<?>>of("n", ColumnType.DECIMAL, r -> r.get(1)).pattern("#,##0.00"));
    byte[] bytes = Io.write(xlsx, cols, FormatOptions.defaults(),
        List.of(List.of(java.time.LocalDate.of(2024, 3, 1), 1234.5)));
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      var row = wb.getSheetAt(0).getRow(1);
      assertThat(row.getCell(0).getCellStyle().getDataFormatString()).isEqualTo("dd.mm.yyyy");
      assertThat(row.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
    }
    assertThat(Io.read(xlsx, bytes).get(1).cells()).containsExactly("2024-03-01", "1234.5");
  }

  @Test
  void write_startsANewSheetWhenOneIsFull() throws Exception {
    List<List<?>> rows = new ArrayList<>();
    for (long i = 1; i <= 10; i++) {
      rows.add(List.of(i));
    }
    List<Column<List<?>>> cols = List.of(Column.of("n", ColumnType.INTEGER, r -> r.get(0)));
    byte[] bytes = Io.write(xlsx.rowsPerSheet(5), cols, FormatOptions.defaults(), rows);

    List<String> all = new ArrayList<>();
    for (int s = 0; s < 3; s++) {
      List<Row> sheet = Io.read(xlsx, bytes, FormatOptions.defaults().sheetIndex(s));
      assertThat(sheet.get(0).cells()).containsExactly("n");
      sheet.subList(1, sheet.size()).forEach(r -> all.add(r.cells().get(0)));
    }
    assertThat(all).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(3);
      assertThat(wb.getSheetAt(2).getLastRowNum()).isEqualTo(2);
      assertThat(Io.read(xlsx, bytes, FormatOptions.defaults().sheetName("Sheet2")).get(1).cells())
          .containsExactly("5");
    }
  }

  @Test
  void write_compressedTempFilesGiveTheSameRows() throws Exception {
    byte[] bytes = Io.write(xlsx.compressTempFiles(true), CsvFormatTest.allTypes(),
        FormatOptions.defaults(), CsvFormatTest.allTypeRows());
    assertThat(Io.read(xlsx, bytes)).hasSize(4);
  }

  private static Set<Path> poiTempFiles() throws IOException {
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"), "poifiles");
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.collect(Collectors.toSet());
    }
  }

  @Test
  void finish_disposesTempFilesEvenWhenTheOutputFails() throws Exception {
    Set<Path> before = poiTempFiles();
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk full");
      }
    };
    List<Column<List<?>>> cols = List.of(Column.of("n", ColumnType.INTEGER, r -> r.get(0)));
    RowWriter w = xlsx.openWriter(broken, cols, FormatOptions.defaults());
    for (long i = 0; i < 1000; i++) {
      w.write(List.of(i));
    }
    assertThat(poiTempFiles()).isNotEqualTo(before);
    assertThatThrownBy(w::finish).isInstanceOf(IOException.class);
    assertThat(poiTempFiles()).isEqualTo(before);
    w.close(); // closing after is harmless
  }

  @Test
  void close_disposesTempFilesAfterACancelledExport() throws Exception {
    Set<Path> before = poiTempFiles();
    List<Column<List<?>>> cols = List.of(Column.of("n", ColumnType.INTEGER, r -> r.get(0)));
    try (RowWriter w = xlsx.openWriter(OutputStream.nullOutputStream(), cols,
        FormatOptions.defaults())) {
      w.write(List.of(1L));
      assertThatThrownBy(() -> w.write(List.of("not a number")))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(poiTempFiles()).isEqualTo(before);
  }

  @Test
  void close_withoutFinishDiscardsTheWorkbook() throws Exception {
    Set<Path> before = poiTempFiles();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    List<Column<List<?>>> cols = List.of(Column.of("n", ColumnType.INTEGER, r -> r.get(0)));
    try (RowWriter w = xlsx.openWriter(out, cols, FormatOptions.defaults())) {
      for (long i = 0; i < 1000; i++) {
        w.write(List.of(i));
      }
    } // a failed or cancelled export ends here, without finish()
    assertThat(out.size()).as("bytes of a discarded workbook").isZero();
    assertThat(poiTempFiles()).isEqualTo(before);
  }

  @Test
  void finish_writesTheWholeWorkbookOnce() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    List<Column<List<?>>> cols = List.of(Column.of("n", ColumnType.INTEGER, r -> r.get(0)));
    try (RowWriter w = xlsx.openWriter(out, cols, FormatOptions.defaults())) {
      w.write(List.of(7L));
      w.finish();
      assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class);
    }
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(wb.getSheetAt(0).getRow(1).getCell(0).getNumericCellValue()).isEqualTo(7.0);
    }
  }
}
