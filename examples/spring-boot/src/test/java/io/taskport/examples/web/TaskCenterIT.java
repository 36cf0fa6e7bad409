package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The task center in a real headless Chromium: sign in, export, download, import, error report. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "taskport.lease=3s")
class TaskCenterIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @LocalServerPort int port;
  @TempDir Path profile;
  @TempDir Path downloads;
  @TempDir Path files;
  private WebDriver browser;

  @BeforeEach
  void signIn() {
    browser = Browser.start(profile, downloads);
    browser.get("http://localhost:" + port + "/");
    await().atMost(WAIT).until(() -> !browser.findElements(By.name("username")).isEmpty());
    browser.findElement(By.name("username")).sendKeys("ann");
    browser.findElement(By.name("password")).sendKeys("ann");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    await().atMost(WAIT).until(() -> "ann".equals(text("user")));
  }

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void export_showsProgress_andDownloadsAWorkbookThatOpens() throws Exception {
    new Select(el("export-format")).selectByValue("xlsx");
    el("export-rows").clear();
    el("export-rows").sendKeys("20000");
    await().atMost(WAIT).until(() -> el("export-btn").isEnabled());
    el("export-btn").click();

    await().atMost(WAIT).until(() -> "RUNNING".equals(el("export-progress").getDomAttribute("data-status")));
    assertThat(el("export-btn").isEnabled()).as("export disabled while running").isFalse();
    await().atMost(WAIT).until(() -> "COMPLETED".equals(el("export-progress").getDomAttribute("data-status")));
    assertThat(el("export-progress").getDomProperty("value")).isEqualTo("100");
    assertThat(el("export-btn").isEnabled()).isTrue();

    el("export-download").click();
    Path xlsx = awaitDownload(".xlsx");
    try (InputStream in = Files.newInputStream(xlsx);
        Workbook book = new XSSFWorkbook(in)) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("ID");
      assertThat(sheet.getLastRowNum()).isEqualTo(20_000);
    }
  }

  @Test
  void runningExport_keepsTheButtonDisabledAfterAReload_untilCancelled() {
    el("export-rows").clear();
    el("export-rows").sendKeys("200000");
    await().atMost(WAIT).until(() -> el("export-btn").isEnabled());
    el("export-btn").click();
    await().atMost(WAIT).until(() -> "RUNNING".equals(el("export-progress").getDomAttribute("data-status")));

    browser.navigate().refresh();
    await().atMost(WAIT).until(() -> el("export-busy").isDisplayed());
    assertThat(el("export-btn").isEnabled()).isFalse();

    await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector("#tasks-table button.danger")).isEmpty());
    browser.findElement(By.xpath("//table[@id='tasks-table']//button[text()='Cancel']")).click();
    await().atMost(WAIT).until(() -> el("export-btn").isEnabled());
    assertThat(el("export-progress").getDomAttribute("data-status")).isEqualTo("CANCELLED");
  }

  @Test
  void import_showsCounts_andTheErrorReportDownloads() throws Exception {
    Path csv = files.resolve("accounts.csv");
    Files.writeString(
        csv,
        "姓名,邮箱,地区,余额\r\n"
            + "Ann Lee,ann@example.com,EU,10.50\r\n"
            + "Bob Wu,bob@example.com,US,20\r\n"
            + "No Mail,not-an-email,EU,1\r\n"
            + "Far Away,far@example.com,MARS,-5\r\n",
        StandardCharsets.UTF_8);
    el("import-file").sendKeys(csv.toString());
    el("import-btn").click();

    await().atMost(WAIT).until(() -> el("import-result").isDisplayed());
    assertThat(text("import-total")).isEqualTo("4");
    assertThat(text("import-imported")).isEqualTo("2");
    assertThat(text("import-rejected")).isEqualTo("2");
    await().atMost(WAIT).until(() -> el("import-errors").isDisplayed());

    el("import-errors").click();
    Path report = awaitDownload(".csv");
    try (Reader r = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
      List<CSVRecord> rows = CSVFormat.DEFAULT.builder().get().parse(r).getRecords();
      assertThat(rows).hasSize(3);
      String all = rows.toString();
      assertThat(all).contains("not-an-email").contains("MARS").doesNotContain("ann@example.com");
    }
  }

  private WebElement el(String id) {
    return browser.findElement(By.id(id));
  }

  private String text(String id) {
    return el(id).getText();
  }

  private Path awaitDownload(String suffix) {
    Path[] found = new Path[1];
    await()
        .atMost(WAIT)
        .until(
            () -> {
              try (Stream<Path> s = Files.list(downloads)) {
                Optional<Path> p = s.filter(f -> f.toString().endsWith(suffix)).findFirst();
                p.ifPresent(f -> found[0] = f);
                return p.isPresent();
              }
            });
    return found[0];
  }
}
