package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The export widget's column picker in headless Chromium, driven by the keyboard only: untick a
 * column with Space, move another up with Alt+ArrowUp, export, and read the downloaded file.
 */
class ColumnPickerIT extends BrowserTestBase {
  private static final String PICKER = "picked";

  @Test
  void picker_offersTheHandlersColumns_andTheFileHasThePickedOnesInThePickedOrder()
      throws Exception {
    open("en-US", "ann");
    ((JavascriptExecutor) browser).executeScript(
        "const e = document.createElement('taskport-export');"
            + "e.id = '" + PICKER + "'; e.setAttribute('type', 'accounts');"
            + "e.setAttribute('columns-picker', ''); e.setAttribute('params', '{\"rows\":5}');"
            + "document.querySelector('main').append(e);");
    page.until(b -> page.parts(PICKER, "column-checkbox").size() == 6
        && page.part(PICKER, "submit").isEnabled());
    List<WebElement> boxes = page.parts(PICKER, "column-checkbox");
    assertThat(boxes).extracting(b -> b.getDomProperty("value"))
        .containsExactly("ID", "Name", "Email", "Region", "Balance", "Opened");
    assertThat(boxes).allMatch(WebElement::isSelected);
    assertThat(page.parts(PICKER, "column-up").get(4).getAccessibleName())
        .isEqualTo("Move Balance up");

    // keyboard only: Space unticks Email, Region and Opened; Alt+ArrowUp moves Balance to the top
    for (int i : new int[] {2, 3, 5}) {
      page.parts(PICKER, "column-checkbox").get(i).sendKeys(Keys.SPACE);
    }
    WebElement balance = page.parts(PICKER, "column-checkbox").get(4);
    for (int i = 0; i < 4; i++) {
      balance.sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_UP));
    }
    assertThat(page.parts(PICKER, "column-checkbox")).extracting(b -> b.getDomProperty("value"))
        .containsExactly("Balance", "ID", "Name", "Email", "Region", "Opened");
    assertThat(page.parts(PICKER, "column-up").get(0).isEnabled()).as("first cannot go up")
        .isFalse();

    page.part(PICKER, "submit").sendKeys(Keys.ENTER);
    page.until(b -> page.part(PICKER, "download").isDisplayed());
    assertThat(page.parts(PICKER, "column-checkbox")).as("the picked columns stay shown")
        .extracting(b -> b.getDomProperty("value") + "=" + b.isSelected())
        .containsExactly("Balance=true", "ID=true", "Name=true", "Email=false", "Region=false",
            "Opened=false");
    page.part(PICKER, "download").click();
    Path csv = awaitDownload(".csv");
    page.until(b -> size(csv) > 0);
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0).replace("\uFEFF", "").replace("\"", ""))
        .isEqualTo("Balance,ID,Name");
    assertThat(lines).hasSize(6);
  }

  @Test
  void picker_refusesToExportNoColumnAtAll() {
    open("en-US", "ann");
    ((JavascriptExecutor) browser).executeScript(
        "const e = document.createElement('taskport-export');"
            + "e.id = '" + PICKER + "'; e.setAttribute('type', 'accounts');"
            + "e.setAttribute('columns-picker', ''); e.setAttribute('params', '{\"rows\":5}');"
            + "document.querySelector('main').append(e);");
    page.until(b -> page.parts(PICKER, "column-checkbox").size() == 6
        && page.part(PICKER, "submit").isEnabled());
    page.parts(PICKER, "column-checkbox").forEach(b -> b.sendKeys(Keys.SPACE));
    page.part(PICKER, "submit").click();
    page.until(b -> page.part(PICKER, "errors").getText().contains("Choose at least one column."));
    assertThat(page.state(PICKER)).isEqualTo("idle");
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
