package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload written by LibreOffice whose rejected rows mix numbers, text, booleans, dates and
 * date-times in one column: each cell of the XLSX error report has the upload cell's type and
 * value. Skipped without {@code soffice}, as {@link XlsxLibreOfficeIT} is.
 */
class ErrorReportLibreOfficeIT {
  @BeforeAll
  static void findSoffice() {
    XlsxLibreOfficeIT.findSoffice();
  }

  @Test
  void theReportKeepsTheTypeOfEachCellLibreOfficeWrote(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("mixed.csv");
    Files.writeString(csv, "Name,E-mail,Value\nann,,12.5\nbob,,abc\ncy,,TRUE\ndi,,2024-03-31\n"
        + "ed,,2024-03-31 10:30:00\nfay,,-3\n", StandardCharsets.UTF_8);
    // CSV import options: comma, double quote, UTF-8, from line 1, English, detect dates
    Process p = new ProcessBuilder(XlsxLibreOfficeIT.soffice, "-env:UserInstallation="
        + dir.resolve("profile").toUri(), "--headless",
        "--infilter=CSV:44,34,76,1,,1033,false,true", "--convert-to", "xlsx",
        "--outdir", dir.toString(), csv.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(log).isTrue();
    byte[] upload = Files.readAllBytes(dir.resolve("mixed.xlsx"));

    Imports.Outcome o;
    try (Imports imports = new Imports(dir.resolve("files"))) {
      o = imports.run("mixed.xlsx", upload);
    }
    assertThat(o.task().result().counts().rejected()).isEqualTo(6);
    try (var in = new XSSFWorkbook(new ByteArrayInputStream(upload));
        var report = new XSSFWorkbook(new ByteArrayInputStream(o.reportBytes()))) {
      Sheet up = in.getSheetAt(0);
      Sheet rep = report.getSheetAt(0);
      Set<CellType> types = EnumSet.noneOf(CellType.class);
      int dates = 0;
      for (int r = 1; r <= 6; r++) {
        Cell a = up.getRow(r).getCell(2);
        Cell b = rep.getRow(r).getCell(2);
        types.add(a.getCellType());
        assertThat(b.getCellType()).as("row %d", r + 1).isEqualTo(a.getCellType());
        if (a.getCellType() == CellType.NUMERIC) {
          assertThat(b.getNumericCellValue()).as("row %d", r + 1)
              .isEqualTo(a.getNumericCellValue());
          assertThat(DateUtil.isCellDateFormatted(b)).as("row %d", r + 1)
              .isEqualTo(DateUtil.isCellDateFormatted(a));
          dates += DateUtil.isCellDateFormatted(a) ? 1 : 0;
        } else if (a.getCellType() == CellType.BOOLEAN) {
          assertThat(b.getBooleanCellValue()).isEqualTo(a.getBooleanCellValue());
        } else {
          assertThat(b.getStringCellValue()).isEqualTo(a.getStringCellValue());
        }
      }
      assertThat(types).as("the upload mixes types")
          .contains(CellType.NUMERIC, CellType.STRING, CellType.BOOLEAN);
      assertThat(dates).as("the upload has a date and a date-time").isEqualTo(2);
    }
  }
}
