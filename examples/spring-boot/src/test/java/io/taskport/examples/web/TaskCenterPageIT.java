package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.TaskQuery;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** Whose tasks the page shows, in which language, and under which Content-Security-Policy. */
class TaskCenterPageIT extends BrowserTestBase {
  @Test
  void page_runsUnderAPolicyWithoutInlineScripts_andBreaksNone() {
    var answer = new Api(port, "ann").get("/");
    assertThat(answer.headers().firstValue("Content-Security-Policy"))
        .hasValue(SecurityConfig.CONTENT_SECURITY_POLICY);
    assertThat(SecurityConfig.CONTENT_SECURITY_POLICY).contains("script-src 'self';").doesNotContain("unsafe");

    open("en-US", "ann");
    page.until(b -> page.part(EXPORT, "submit").isEnabled() && page.part("tasks", "empty").isDisplayed());
    Object inline =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const roots = [document, ...[...document.querySelectorAll('*')]"
                    + "  .filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];"
                    + "return roots.flatMap((r) => [...r.querySelectorAll('script:not([src]), style, [style]')"
                    + "  .values(), ...[...r.querySelectorAll('*')].filter((e) =>"
                    + "  [...e.attributes].some((a) => a.name.startsWith('on')))]).length;");
    assertThat(inline).as("inline scripts, styles and handlers").isEqualTo(0L);
    List<String> violations =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .map(LogEntry::getMessage)
            .filter(m -> m.contains("Content Security Policy"))
            .toList();
    assertThat(violations).isEmpty();
  }

  @Test
  void widgets_areLabelled_andWorkFromTheKeyboard() {
    open("en-US", "ann");
    page.until(b -> page.part(EXPORT, "submit").isEnabled());
    assertThat(page.part(EXPORT, "format").getAccessibleName()).isEqualTo("Format");
    assertThat(page.field(EXPORT, "rows").getAccessibleName()).isEqualTo("Rows");
    assertThat(page.part(IMPORT, "file").getAccessibleName()).isEqualTo("File");

    page.field(EXPORT, "rows").clear();
    page.field(EXPORT, "rows").sendKeys("200000", Keys.ENTER);
    page.until(b -> "active".equals(page.state(EXPORT)));
    Object live =
        ((JavascriptExecutor) browser)
            .executeScript(
                "return arguments[0].parentElement.getAttribute('aria-live');",
                page.part(EXPORT, "progress-text"));
    assertThat(live).isEqualTo("polite");
    page.until(b -> page.part(EXPORT, "progress-text").getText().startsWith("Running"));
    assertThat(page.part(EXPORT, "progress").getAccessibleName()).isEqualTo("Progress");

    page.part(EXPORT, "cancel").sendKeys(Keys.ENTER);
    page.until(b -> "idle".equals(page.state(EXPORT)));
    assertThat(page.part(EXPORT, "progress-text").getText()).isEqualTo("Cancelled");
  }

  @Test
  void secondUser_seesNoneOfTheFirstUsersTasks() {
    open("en-US", "ann");
    page.until(b -> page.part(EXPORT, "submit").isEnabled());
    page.field(EXPORT, "rows").clear();
    page.field(EXPORT, "rows").sendKeys("200000");
    page.part(EXPORT, "submit").click();
    page.until(b -> page.rows().size() == 1);
    page.signOut();

    page.signIn("bob");
    page.until(b -> page.part("tasks", "empty").isDisplayed());
    page.until(b -> page.part(EXPORT, "submit").isEnabled());
    assertThat(page.rows()).isEmpty();
    assertThat(page.part(EXPORT, "busy").isDisplayed()).as("ann's export does not hold bob's").isFalse();
    assertThat(page.part(EXPORT, "status").isDisplayed()).isFalse();
    assertThat(tasks.list(TaskQuery.of("ann")).items()).hasSize(1);
    page.screenshot("users-1-bob-sees-nothing-of-ann");
  }

  @Test
  void chineseBrowser_showsChineseTexts() {
    open("zh-CN", "ann");
    page.until(b -> page.part(EXPORT, "submit").isEnabled());
    assertThat(page.part(EXPORT, "submit").getText()).isEqualTo("导出");
    assertThat(browser.findElement(By.id("export-title")).getText()).isEqualTo("导出账户");
    assertThat(page.part(IMPORT, "submit").getText()).isEqualTo("导入");
    assertThat(page.part(IMPORT, "template").getText()).isEqualTo("CSV 模板");
    page.until(b -> page.part("tasks", "empty").isDisplayed());
    assertThat(page.part("tasks", "empty").getText()).isEqualTo("暂无任务。");

    page.field(EXPORT, "rows").clear();
    page.field(EXPORT, "rows").sendKeys("200000");
    page.part(EXPORT, "submit").click();
    page.until(b -> page.part(EXPORT, "progress-text").getText().startsWith("进行中 · "));
    page.until(b -> page.rows().size() == 1);
    assertThat(page.rows().get(0).getText()).contains("导出 · accounts").contains("取消");
    page.screenshot("zh-1-running");
    page.part(EXPORT, "cancel").click();
    page.until(b -> page.part(EXPORT, "progress-text").getText().equals("已取消"));
  }
}
