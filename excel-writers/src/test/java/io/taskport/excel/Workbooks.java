package io.taskport.excel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Builds small test workbooks with POI's usermodel: rows of values placed where asked. */
final class Workbooks {
  private Workbooks() {}

  /** Returns an XLSX whose first sheet has the rows; a row's 1-based number is its index + 1. */
  static byte[] xlsx(List<List<?>> rows) throws IOException {
    try (Workbook wb = new XSSFWorkbook()) {
      fill(wb.createSheet("Data"), rows);
      return bytes(wb);
    }
  }

  static void fill(Sheet sheet, List<List<?>> rows) {
    for (int r = 0; r < rows.size(); r++) {
      List<?> values = rows.get(r);
      if (values == null) {
        continue;
      }
      var row = sheet.createRow(r);
      for (int c = 0; c < values.size(); c++) {
        Object v = values.get(c);
        if (v == null) {
          continue;
        }
        Cell cell = row.createCell(c);
        if (v instanceof Number n) {
          cell.setCellValue(n.doubleValue());
        } else if (v instanceof Boolean b) {
          cell.setCellValue(b);
        } else {
          cell.setCellValue(v.toString());
        }
      }
    }
  }

  static byte[] bytes(Workbook wb) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    wb.write(out);
    return out.toByteArray();
  }
}
