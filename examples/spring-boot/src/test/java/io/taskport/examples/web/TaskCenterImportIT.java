package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The import widget and the task list in headless Chromium: counts, error report, failures. */
class TaskCenterImportIT extends BrowserTestBase {
  private static final String FILE_WITH_TWO_BAD_ROWS =
      "姓名,邮箱,地区,余额\r\n"
          + "Ann Lee,ann@example.com,EU,10.50\r\n"
          + "Bob Wu,bob@example.com,US,20\r\n"
          + "No Mail,not-an-email,EU,1\r\n"
          + "Far Away,far@example.com,MARS,-5\r\n";

  @BeforeEach
  void signIn() {
    open("en-US", "ann");
    page.until(b -> page.part(IMPORT, "submit").isEnabled());
  }

  @Test
  void import_withBadRows_showsTheCounts_andItsErrorReportDownloads() throws Exception {
    upload("accounts.csv", FILE_WITH_TWO_BAD_ROWS);

    page.until(b -> page.part(IMPORT, "counts").isDisplayed());
    assertThat(page.part(IMPORT, "counts").getText())
        .isEqualTo("Rows read 4 · imported 2 · rejected 2");
    assertThat(page.part(IMPORT, "error-report").isDisplayed()).isTrue();
    assertThat(page.part(IMPORT, "status").getDomAttribute("data-status")).isEqualTo("COMPLETED");
    page.until(b -> page.rows().size() == 1 && "COMPLETED".equals(page.rows().get(0).getDomAttribute("data-status")));
    page.until(b -> page.rows().get(0).getText().contains("Rows read 4 · imported 2 · rejected 2"));
    page.screenshot("import-1-bad-rows");

    page.part(IMPORT, "error-report").click();
    Path report = awaitDownload(".csv");
    try (Reader r = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
      List<CSVRecord> rows = CSVFormat.DEFAULT.builder().get().parse(r).getRecords();
      assertThat(rows).hasSize(3);
      assertThat(rows.toString())
          .contains("not-an-email")
          .contains("MARS")
          .doesNotContain("ann@example.com");
    }
  }

  @Test
  void allOrNothingImport_thatLoadedNothing_saysSo() {
    page.field(IMPORT, "allOrNothing").click();
    upload("accounts.csv", FILE_WITH_TWO_BAD_ROWS);

    page.until(b -> page.part(IMPORT, "counts").isDisplayed());
    assertThat(page.part(IMPORT, "counts").getText())
        .isEqualTo("Rows read 4 · imported 0 · rejected 2");
    assertThat(page.part(IMPORT, "errors").getText())
        .isEqualTo(
            "Nothing was imported: 2 of 4 rows have errors, and this import loads a file only"
                + " when every row is good.");
    assertThat(page.part(IMPORT, "status").isDisplayed()).as("no 'Completed'").isFalse();
    assertThat(page.part(IMPORT, "error-report").isDisplayed()).isTrue();
    page.screenshot("import-2-all-or-nothing");
  }

  @Test
  void failedImport_showsItsReason_inTheWidgetAndTheList() {
    upload("accounts.xlsx", "this is not a workbook");

    page.until(b -> "FAILED".equals(page.part(IMPORT, "status").getDomAttribute("data-status")));
    String reason = page.part(IMPORT, "errors").getText();
    assertThat(reason).startsWith("Failed: ").hasSizeGreaterThan("Failed: ".length() + 5);
    page.until(b -> page.rows().size() == 1 && "FAILED".equals(page.rows().get(0).getDomAttribute("data-status")));
    page.until(b -> reason.equals(page.rows().get(0).findElement(By.cssSelector("td.details")).getText()));
    assertThat(page.part(IMPORT, "submit").isEnabled()).isTrue();
    page.screenshot("import-3-failed");
  }

  private void upload(String name, String content) {
    Path file = files.resolve(name);
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    page.part(IMPORT, "file").sendKeys(file.toString());
    page.part(IMPORT, "submit").click();
  }
}
