package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.examples.web.accounts.AccountReport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The export widget downloads the demo's two-sheet workbook like any other export. */
class TaskCenterReportIT extends BrowserTestBase {
  @Test
  void reportExport_downloadsAWorkbookWithBothSheets() throws Exception {
    open("en-US", "ann");
    page.until(b -> page.part("report", "submit").isEnabled());
    page.part("report", "submit").click();
    page.until(b -> page.part("report", "download").isDisplayed());
    assertThat(page.part("report", "download").getText())
        .isEqualTo("Download account-report.xlsx");
    page.part("report", "download").click();
    Path xlsx = awaitDownload("account-report.xlsx");
    try (InputStream in = Files.newInputStream(xlsx);
        Workbook book = new XSSFWorkbook(in)) {
      assertThat(book.getNumberOfSheets()).isEqualTo(2);
      Sheet accounts = book.getSheet("Accounts");
      assertThat(accounts.getRow(0).getCell(0).getStringCellValue()).isEqualTo("ID");
      assertThat(accounts.getLastRowNum()).isEqualTo(AccountReport.ROWS);
      Sheet byRegion = book.getSheet("By region");
      DataFormatter shown = new DataFormatter();
      assertThat(shown.formatCellValue(byRegion.getRow(0).getCell(1))).isEqualTo("Accounts");
      long total = 0;
      for (int r = 1; r <= byRegion.getLastRowNum(); r++) {
        total += (long) byRegion.getRow(r).getCell(1).getNumericCellValue();
      }
      assertThat(total).isEqualTo(AccountReport.ROWS);
      assertThat(byRegion.getLastRowNum()).isEqualTo(3);
    }
  }
}
