package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** "Check first" in the import widget, in headless Chromium: counts, preview, Load, refusal. */
class TaskCenterCheckIT extends BrowserTestBase {
  private static final String FILE_WITH_ONE_BAD_ROW =
      "姓名,邮箱,地区,余额\r\n"
          + "Ann Lee,ann@example.com,EU,10.50\r\n"
          + "Bob Wu,bob@example.com,US,20\r\n"
          + "No Mail,not-an-email,EU,1\r\n";

  @Test
  void check_showsThePreview_andLoadImportsTheCheckedFile() {
    open("en-US", "ann");
    page.until(b -> page.part(IMPORT, "submit").isEnabled());
    page.part(IMPORT, "check-first").click();
    upload("accounts.csv", FILE_WITH_ONE_BAD_ROW);

    page.until(b -> page.part(IMPORT, "load").isDisplayed());
    assertThat(page.part(IMPORT, "counts").getText())
        .isEqualTo("Rows checked 3 · valid 2 · rejected 1");
    assertThat(page.part(IMPORT, "error-report").isDisplayed()).isTrue();
    WebElement table = page.part(IMPORT, "preview");
    List<String> headers =
        table.findElements(By.cssSelector("th")).stream().map(WebElement::getText).toList();
    assertThat(headers).containsExactly("姓名", "邮箱", "地区", "余额");
    List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getText()).contains("Ann Lee").contains("10.50");
    assertThat(page.part(IMPORT, "preview-caption").getText())
        .isEqualTo("All 2 valid rows, as they would be loaded:");
    assertThat(page.part(IMPORT, "load").isEnabled()).isTrue();
    page.screenshot("check-1-preview");

    page.part(IMPORT, "load").click();
    page.until(b -> "Rows read 3 · imported 2 · rejected 1".equals(page.part(IMPORT, "counts").getText()));
    assertThat(page.part(IMPORT, "load").isDisplayed()).isFalse();
    assertThat(page.part(IMPORT, "preview").isDisplayed()).isFalse();
    page.until(b -> page.rows().size() == 2);
    page.screenshot("check-2-loaded");
  }

  @Test
  void allOrNothingCheck_withErrors_disablesLoad_andSaysWhy() {
    open("zh-CN", "ann");
    page.until(b -> page.part(IMPORT, "submit").isEnabled());
    page.field(IMPORT, "allOrNothing").click();
    page.part(IMPORT, "check-first").click();
    upload("accounts.csv", FILE_WITH_ONE_BAD_ROW);

    page.until(b -> page.part(IMPORT, "load").isDisplayed());
    assertThat(page.part(IMPORT, "load").isEnabled()).isFalse();
    assertThat(page.part(IMPORT, "load").getText()).isEqualTo("导入");
    assertThat(page.part(IMPORT, "load-reason").getText())
        .isEqualTo("无法导入：有 1 行有错误，而此导入要求全部成功才导入。请修正文件后重新检查。");
    assertThat(page.part(IMPORT, "counts").getText()).isEqualTo("检查行数 3 · 有效 2 · 拒绝 1");
    page.screenshot("check-3-all-or-nothing-refused");
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
