package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The operator dashboard in a real headless Chromium: an ordinary user is refused it; the operator
 * finds another user's FAILED task, retries it, and sees it complete. Screenshots go to {@code
 * target/dashboard-screenshots/}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "taskport.lease=3s")
@Import(FlakyExport.class)
class DashboardIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path SHOTS = Path.of("target", "dashboard-screenshots");

  @LocalServerPort int port;
  @TempDir Path profile;
  @TempDir Path downloads;
  private ChromeDriver browser;

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  private void signIn(String user) {
    browser = Browser.start(profile, downloads);
    browser.get("http://localhost:" + port + "/");
    await().atMost(WAIT).until(() -> !browser.findElements(By.name("username")).isEmpty());
    browser.findElement(By.name("username")).sendKeys(user);
    browser.findElement(By.name("password")).sendKeys(user);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    await().atMost(WAIT).until(() -> user.equals(browser.findElement(By.id("user")).getText()));
  }

  @Test
  void anOrdinaryUser_isRefusedTheDashboard() throws IOException {
    signIn("ann");
    browser.get("http://localhost:" + port + "/taskport/admin/");
    await().atMost(WAIT).until(() -> browser.findElement(By.tagName("body")).getText().contains("403"));
    String body = browser.findElement(By.tagName("body")).getText();
    assertThat(body).contains("\"status\":403").contains("needs another role");
    assertThat(browser.findElements(By.id("tasks"))).isEmpty();
    screenshot("1-ordinary-user-refused.png");
  }

  @Test
  void theOperator_retriesAFailedTask_thatThenCompletes() throws IOException {
    FlakyExport.BROKEN.set(true);
    Api bob = new Api(port, "bob");
    String id =
        Api.json(bob.postJson("/api/exports", "{\"type\":\"flaky\",\"params\":{\"n\":7}}"))
            .get("id")
            .asString();
    signIn("ops");
    browser.get("http://localhost:" + port + "/taskport/admin/");
    await().atMost(WAIT).until(() -> "FAILED".equals(status(id)));
    WebElement row = row(id);
    assertThat(row.getText()).contains("bob").contains("flaky").contains("UPSTREAM_DOWN");
    await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector("#counts tr[data-type=flaky]")).isEmpty());
    screenshot("2-operator-sees-failed-task.png");

    FlakyExport.BROKEN.set(false);
    row.findElement(By.cssSelector("button.retry")).click();
    await().atMost(WAIT).until(() -> "COMPLETED".equals(status(id)));
    await()
        .atMost(WAIT)
        .until(
            () ->
                !"0"
                    .equals(
                        browser
                            .findElement(By.cssSelector("#counts tr[data-type=flaky] td[data-status=COMPLETED]"))
                            .getText()));
    assertThat(browser.findElement(By.id("message")).getText()).contains("Retried");
    assertThat(row(id).getText()).contains("2 of");
    row(id).findElement(By.xpath(".//button[text()='Details']")).click();
    await().atMost(WAIT).until(() -> browser.findElement(By.id("detail")).isDisplayed());
    assertThat(browser.findElement(By.id("detail-fields")).getText()).contains("bob").contains("COMPLETED");
    screenshot("3-operator-retried-task-completed.png");
    assertThat(Api.json(bob.get("/api/tasks/" + id)).get("status").asString()).isEqualTo("COMPLETED");
  }

  private String status(String id) {
    List<WebElement> rows = browser.findElements(By.cssSelector("#tasks tr[data-id='" + id + "']"));
    return rows.isEmpty() ? null : rows.get(0).getDomAttribute("data-status");
  }

  private WebElement row(String id) {
    return browser.findElement(By.cssSelector("#tasks tr[data-id='" + id + "']"));
  }

  private void screenshot(String name) throws IOException {
    Files.createDirectories(SHOTS);
    Path png = browser.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
