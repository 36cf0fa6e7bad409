package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.FormatException;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.junit.jupiter.api.Test;

class XlsFormatTest {
  private final XlsFormat xls = new XlsFormat();

  static byte[] sampleXls() throws IOException {
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      var first = wb.createSheet("First");
      var h = first.createRow(0);
      h.createCell(0).setCellValue("名字");
      h.createCell(2).setCellValue("when");
      var r = first.createRow(3);
      r.createCell(0).setCellValue(123456789012345d);
      r.createCell(1).setCellValue(1.5);
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
      var d = r.createCell(2);
      d.setCellValue(LocalDateTime.of(2024, 3, 1, 8, 30));
      d.setCellStyle(date);
      r.createCell(3).setCellValue(true);
      r.createCell(4).setCellFormula("A4*2");
      r.createCell(5).setCellFormula("\"a\"&\"b\"");
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
      wb.createSheet("Second").createRow(0).createCell(0).setCellValue("other");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }

  @Test
  void read_rendersCellsLikeXlsx() throws Exception {
    List<Row> rows = Io.read(xls, sampleXls());
    assertThat(rows).extracting(Row::number).containsExactly(1L, 4L);
    assertThat(rows.get(0).cells()).containsExactly("名字", "", "when");
    assertThat(rows.get(1).cells()).containsExactly("123456789012345", "1.5",
        "2024-03-01T08:30:00", "TRUE", "246913578024690", "ab");
  }

  @Test
  void read_choosesTheSheetByNameOrIndex() throws Exception {
    assertThat(Io.read(xls, sampleXls(), FormatOptions.defaults().sheetIndex(1)).get(0).cells())
        .containsExactly("other");
    assertThat(Io.read(xls, sampleXls(), FormatOptions.defaults().sheetName("Second"))).hasSize(1);
  }

  @Test
  void read_rejectsAnEncryptedWorkbook() throws Exception {
    byte[] bytes;
    Biff8EncryptionKey.setCurrentUserPassword("secret");
    try (HSSFWorkbook wb = new HSSFWorkbook()) {
      wb.createSheet("s").createRow(0).createCell(0).setCellValue("hidden");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      bytes = out.toByteArray();
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }
    assertThatThrownBy(() -> Io.read(xls, bytes)).isInstanceOf(FormatException.class)
        .hasMessageContaining("protected with a password");
  }

  @Test
  void read_rejectsFilesThatAreNotXls() {
    assertThatThrownBy(() -> Io.read(xls, "a,b".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(FormatException.class).hasMessage("not an XLS file");
    assertThatThrownBy(() -> Io.read(xls, Packages.workbook("").zip()))
        .isInstanceOf(FormatException.class).hasMessage("not an XLS file");
  }

  @Test
  void openWriter_isUnsupported() {
    assertThatThrownBy(() -> xls.openWriter(OutputStream.nullOutputStream(), List.of(),
        FormatOptions.defaults()))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("xlsx");
  }

  @Test
  void serviceLoader_findsAllThreeFormats() {
    var names = java.util.ServiceLoader.load(io.taskport.format.TabularFormat.class).stream()
        .map(p -> p.get().name()).toList();
    assertThat(names).contains("csv", "xlsx", "xls");
    assertThat(xls.matches(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
        (byte) 0xB1, 0x1A, (byte) 0xE1})).isTrue();
  }
}
