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
            "TRUE"),
        List.of("line1\nline2\r\nline3, \"quoted\"", "100000000000000000000", "0.1",
            "1900-01-01", "2024-12-31T23:59:59", "FALSE"),
        List.of("x".repeat(30_000), "-5", "1", "9999-12-31", "2000-01-01", "TRUE"));
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

  /** Temp files Taskport or POI would make (others' files in a shared temp folder don't count). */
  private static Set<Path> tempFiles() throws IOException {
    try (Stream<Path> s = Files.walk(Paths.get(System.getProperty("java.io.tmpdir")), 2)) {
      return s.filter(
              p -> {
                String name = p.getFileName() == null ? "" : p.getFileName().toString();
                return name.startsWith("taskport-") || name.startsWith("poi");
              })
          .collect(Collectors.toSet());
    } catch (java.io.UncheckedIOException e) {
      return tempFiles(); // another process removed a file while we listed: list again
    }
  }

  @Test
  void write_createsNoTempFile() throws Exception {
    Set<Path> before = tempFiles();
    List<Column<List<?>>> cols = List.of(Column.of("n", ColumnType.INTEGER, r -> r.get(0)));
    try (RowWriter w = xlsx.openWriter(OutputStream.nullOutputStream(), cols,
        FormatOptions.defaults())) {
      for (long i = 0; i < 20_000; i++) {
        w.write(List.of(i));
      }
      assertThat(tempFiles()).as("new files while writing").isSubsetOf(before);
    }
  }

  @Test
  void finish_reportsAFailingOutputAndCloseAfterIsHarmless() throws Exception {
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
    assertThatThrownBy(w::finish).isInstanceOf(IOException.class).hasMessage("disk full");
    w.close(); // closing after is harmless, twice too
    w.close();
    assertThatThrownBy(() -> w.write(List.of(1L))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void close_afterAFailedWriteWritesNothingMore() throws Exception {
    List<Column<List<?>>> cols = List.of(Column.of("n", ColumnType.INTEGER, r -> r.get(0)));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (RowWriter w = xlsx.openWriter(out, cols, FormatOptions.defaults())) {
      w.write(List.of(1L));
      assertThatThrownBy(() -> w.write(List.of("not a number")))
          .isInstanceOf(IllegalArgumentException.class);
      w.write(List.of(2L)); // a bad row is refused before anything is written
      w.finish();
    }
    assertThat(Io.read(xlsx, out.toByteArray())).hasSize(3);

    OutputStream failing = new OutputStream() {
      int left = 200;

      @Override
      public void write(int b) throws IOException {
        if (--left < 0) {
          throw new IOException("gone");
        }
        out.write(b);
      }
    };
    out.reset();
    RowWriter w = xlsx.openWriter(failing, cols, FormatOptions.defaults());
    assertThatThrownBy(() -> {
      for (long i = 0; i < 1_000_000; i++) {
        w.write(List.of(i));
      }
    }).isInstanceOf(IOException.class);
    int written = out.size();
    w.close(); // abandons: no central directory after a failure
    assertThat(out.size()).isEqualTo(written);
  }

  @Test
  void close_withoutFinishDiscardsTheWorkbook() throws Exception {
    Set<Path> before = tempFiles();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    List<Column<List<?>>> cols = List.of(Column.of("n", ColumnType.INTEGER, r -> r.get(0)));
    RowWriter w = xlsx.openWriter(out, cols, FormatOptions.defaults());
    for (long i = 0; i < 1000; i++) {
      w.write(List.of(i));
    }
    int streamed = out.size();
    w.close(); // a failed or cancelled export ends here, without finish()
    assertThat(out.size()).as("bytes written by close").isEqualTo(streamed);
    assertThatThrownBy(() -> Io.read(xlsx, out.toByteArray()))
        .as("a discarded workbook is not a whole file")
        .isInstanceOf(Exception.class);
    assertThat(tempFiles()).isSubsetOf(before);
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
