package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An XLSX error report keeps each rejected cell's type, also in a column that mixes types. */
class ErrorReportTypesTest {
  @TempDir Path dir;
  private Imports imports;

  @AfterEach
  void close() {
    if (imports != null) {
      imports.close();
    }
  }

  @Test
  void xlsxUpload_eachReportCellKeepsItsType() throws Exception {
    checkReport(upload(new XSSFWorkbook()), "p.xlsx");
  }

  @Test
  void xlsUpload_eachReportCellKeepsItsType() throws Exception {
    checkReport(upload(new HSSFWorkbook()), "p.xls");
  }

  /** Rows 2 to 7 lack an e-mail, so they are rejected; "Value" mixes every type. */
  private static byte[] upload(Workbook wb) throws Exception {
    try (wb; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet s = wb.createSheet("people");
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
      CellStyle dateTime = wb.createCellStyle();
      dateTime.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
      Row h = s.createRow(0);
      h.createCell(0).setCellValue("Name");
      h.createCell(1).setCellValue("E-mail");
      h.createCell(2).setCellValue("Value");
      String[] names = {"ann", "bob", "cy", "di", "ed", "fay"};
      for (int r = 1; r <= names.length; r++) {
        s.createRow(r).createCell(0).setCellValue(names[r - 1]);
      }
      s.getRow(1).createCell(2).setCellValue(12.5);
      s.getRow(2).createCell(2).setCellValue("007");
      s.getRow(3).createCell(2).setCellValue(true);
      Cell d = s.getRow(4).createCell(2);
      d.setCellValue(LocalDate.of(2024, 3, 31));
      d.setCellStyle(date);
      Cell t = s.getRow(5).createCell(2);
      t.setCellValue(LocalDateTime.of(2024, 3, 31, 10, 30));
      t.setCellStyle(dateTime);
      s.getRow(6).createCell(2).setCellValue(-3);
      wb.write(out);
      return out.toByteArray();
    }
  }

  private void checkReport(byte[] upload, String name) throws Exception {
    imports = new Imports(dir);
    Imports.Outcome o = imports.run(name, upload);
    assertThat(o.task().result().counts().rejected()).isEqualTo(6);
    assertThat(o.task().result().errorReport().fileName()).endsWith(".xlsx");
    try (var wb = new XSSFWorkbook(new ByteArrayInputStream(o.reportBytes()))) {
      Sheet s = wb.getSheetAt(0);
      Cell number = s.getRow(1).getCell(2);
      assertThat(number.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(number.getNumericCellValue()).isEqualTo(12.5);
      assertThat(DateUtil.isCellDateFormatted(number)).isFalse();
      Cell text = s.getRow(2).getCell(2);
      assertThat(text.getCellType()).isEqualTo(CellType.STRING);
      assertThat(text.getStringCellValue()).isEqualTo("007");
      Cell bool = s.getRow(3).getCell(2);
      assertThat(bool.getCellType()).isEqualTo(CellType.BOOLEAN);
      assertThat(bool.getBooleanCellValue()).isTrue();
      Cell date = s.getRow(4).getCell(2);
      assertThat(DateUtil.isCellDateFormatted(date)).isTrue();
      assertThat(date.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 3, 31, 0, 0));
      Cell dateTime = s.getRow(5).getCell(2);
      assertThat(DateUtil.isCellDateFormatted(dateTime)).isTrue();
      assertThat(dateTime.getLocalDateTimeCellValue())
          .isEqualTo(LocalDateTime.of(2024, 3, 31, 10, 30));
      Cell negative = s.getRow(6).getCell(2);
      assertThat(negative.getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(negative.getNumericCellValue()).isEqualTo(-3);
      assertThat(s.getRow(1).getCell(0).getStringCellValue()).isEqualTo("ann");
      assertThat(s.getRow(1).getCell(3).getStringCellValue()).contains("E-mail");
    }
  }
}
