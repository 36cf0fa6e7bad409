package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.TaskQuery;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The export widget in headless Chromium: the seed flow, a reload during a run, and cancel. */
class TaskCenterIT extends BrowserTestBase {
  @BeforeEach
  void signIn() {
    open("en-US", "ann");
  }

  @Test
  void export_isDisabledUntilItsStateIsKnown() {
    // hold back the widget's question "is an export of mine running?" to see it wait for the answer
    ((JavascriptExecutor) browser)
        .executeScript(
            "const real = window.fetch; let open;"
                + "window.gate = new Promise((r) => { open = r; }); window.openGate = () => open();"
                + "window.fetch = (url, o) => String(url).includes('/tasks?')"
                + "  ? window.gate.then(() => real(url, o)) : real(url, o);"
                + "const e = document.createElement('taskport-export');"
                + "e.id = 'late'; e.setAttribute('type', 'accounts');"
                + "document.querySelector('main').append(e);");
    assertThat(page.part("late", "submit").isEnabled()).isFalse();
    assertThat(page.state("late")).isEqualTo("checking");
    ((JavascriptExecutor) browser).executeScript("window.openGate();");
    page.until(b -> page.part("late", "submit").isEnabled());
    assertThat(page.state("late")).isEqualTo("idle");
  }

  @Test
  void export_showsLiveProgress_thenTurnsIntoADownloadOfAWorkbookThatOpens() throws Exception {
    page.until(b -> page.part(EXPORT, "submit").isEnabled());
    assertThat(page.part(EXPORT, "download").isDisplayed()).as("no download before an export").isFalse();
    assertThat(page.part(EXPORT, "status").isDisplayed()).as("no idle progress bar").isFalse();
    assertThat(page.part("import", "status").isDisplayed()).isFalse();
    assertThat(page.part("import", "error-report").isDisplayed()).isFalse();
    page.screenshot("export-1-idle");

    new Select(page.part(EXPORT, "format")).selectByValue("xlsx");
    page.field(EXPORT, "rows").clear();
    page.field(EXPORT, "rows").sendKeys("60000");
    page.part(EXPORT, "submit").click();

    WebElement bar = page.part(EXPORT, "progress");
    page.until(b -> "RUNNING".equals(bar.getDomAttribute("data-status")) && percent(bar) > 0 && percent(bar) < 100);
    assertThat(page.part(EXPORT, "submit").isEnabled()).as("disabled while running").isFalse();
    assertThat(page.part(EXPORT, "download").isDisplayed()).isFalse();
    assertThat(page.part(EXPORT, "progress-text").getText()).matches("Running · [0-9]+ / 60000 rows");
    page.screenshot("export-2-running");
    int seen = percent(bar);
    page.until(b -> percent(bar) > seen || "COMPLETED".equals(bar.getDomAttribute("data-status")));

    page.until(b -> page.part(EXPORT, "download").isDisplayed());
    assertThat(bar.getDomProperty("value")).isEqualTo("100");
    assertThat(page.part(EXPORT, "submit").isDisplayed()).as("the button became the download").isFalse();
    assertThat(page.part(EXPORT, "download").getText()).isEqualTo("Download accounts.xlsx");
    page.screenshot("export-3-completed");

    page.part(EXPORT, "download").click();
    Path xlsx = awaitDownload(".xlsx");
    try (InputStream in = Files.newInputStream(xlsx);
        Workbook book = new XSSFWorkbook(in)) {
      Sheet sheet = book.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("ID");
      assertThat(sheet.getLastRowNum()).isEqualTo(60_000);
    }

    page.part(EXPORT, "again").click();
    assertThat(page.part(EXPORT, "submit").isEnabled()).isTrue();
    assertThat(page.part(EXPORT, "download").isDisplayed()).as("the old download goes").isFalse();
  }

  @Test
  void export_withAnInvalidParam_showsTheReason_andStartsNothing() {
    page.until(b -> page.part(EXPORT, "submit").isEnabled());
    page.field(EXPORT, "rows").clear();
    page.field(EXPORT, "rows").sendKeys("300000");
    page.part(EXPORT, "submit").click();

    page.until(b -> !page.part(EXPORT, "errors").getText().isEmpty());
    assertThat(page.part(EXPORT, "errors").getText()).isEqualTo("rows: must be 1 to 200000");
    assertThat(page.part(EXPORT, "submit").isEnabled()).isTrue();
    assertThat(page.part(EXPORT, "status").isDisplayed()).isFalse();
    assertThat(tasks.list(TaskQuery.of("ann")).items()).isEmpty();
  }

  @Test
  void reloadDuringARun_keepsTheButtonDisabled_andTheFormShowsTheRunningTasksParams() {
    page.until(b -> page.part(EXPORT, "submit").isEnabled());
    new Select(page.part(EXPORT, "format")).selectByValue("xlsx");
    new Select(page.field(EXPORT, "region")).selectByVisibleText("US");
    page.field(EXPORT, "minBalance").sendKeys("5");
    page.field(EXPORT, "rows").clear();
    page.field(EXPORT, "rows").sendKeys("200000");
    page.part(EXPORT, "submit").click();
    page.until(b -> "RUNNING".equals(page.part(EXPORT, "progress").getDomAttribute("data-status")));

    page.reload();
    page.until(b -> "active".equals(page.state(EXPORT)));
    assertThat(page.part(EXPORT, "submit").isEnabled()).isFalse();
    assertThat(page.part(EXPORT, "busy").isDisplayed()).isTrue();
    assertThat(page.part(EXPORT, "format").getDomProperty("value")).isEqualTo("xlsx");
    assertThat(page.field(EXPORT, "region").getDomProperty("value")).isEqualTo("US");
    assertThat(page.field(EXPORT, "minBalance").getDomProperty("value")).isEqualTo("5");
    assertThat(page.field(EXPORT, "rows").getDomProperty("value")).isEqualTo("200000");
    assertThat(page.field(EXPORT, "rows").isEnabled()).isFalse();
    WebElement bar = page.part(EXPORT, "progress");
    page.until(b -> "RUNNING".equals(bar.getDomAttribute("data-status")) && percent(bar) > 0);
    page.screenshot("reload-1-still-running");
    assertThat(page.part(EXPORT, "busy").getText()).isEqualTo("An export of yours is running; the form shows its settings.");

    // a browser that did not start it (nothing remembered locally) gets the params from the task
    ((JavascriptExecutor) browser).executeScript("localStorage.clear();");
    page.reload();
    page.until(b -> "active".equals(page.state(EXPORT)));
    assertThat(page.part(EXPORT, "submit").isEnabled()).isFalse();
    assertThat(page.part(EXPORT, "busy").getText()).isEqualTo("An export of yours is running; the form shows its settings.");
    assertThat(page.field(EXPORT, "region").getDomProperty("value")).isEqualTo("US");
    assertThat(page.field(EXPORT, "rows").getDomProperty("value")).isEqualTo("200000");
    page.screenshot("reload-2-other-browser");

    page.part(EXPORT, "cancel").click();
    page.until(b -> "idle".equals(page.state(EXPORT)));
    assertThat(page.part(EXPORT, "submit").isEnabled()).isTrue();
    assertThat(page.part(EXPORT, "status").getDomAttribute("data-status")).isEqualTo("CANCELLED");
    assertThat(page.part(EXPORT, "progress-text").getText()).isEqualTo("Cancelled");
  }

  @Test
  void cancelInTheTaskList_endsTheRunningExport_andTheListFollowsTheUsersStream() {
    page.until(b -> page.part(EXPORT, "submit").isEnabled());
    page.field(EXPORT, "rows").clear();
    page.field(EXPORT, "rows").sendKeys("200000");
    page.part(EXPORT, "submit").click();
    page.until(b -> "RUNNING".equals(page.part(EXPORT, "progress").getDomAttribute("data-status")));
    String id = page.until(b -> page.rows().isEmpty() ? null : page.rows().get(0).getDomAttribute("data-id"));
    page.until(b -> "stream".equals(browser.findElement(By.id("tasks")).getDomAttribute("data-live")));

    page.row(id).findElement(By.cssSelector("[part~='cancel']")).click();
    page.until(b -> "CANCELLED".equals(page.rowStatus(id)));
    page.until(b -> page.part(EXPORT, "submit").isEnabled());
    assertThat(page.part(EXPORT, "status").getDomAttribute("data-status")).isEqualTo("CANCELLED");
    assertThat(page.row(id).getText()).contains("Cancelled").contains("Delete");
    page.screenshot("cancel-1-cancelled");
  }

  private static int percent(WebElement bar) {
    String v = bar.getDomAttribute("value");
    return v == null ? -1 : (int) Double.parseDouble(v);
  }
}
