package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo page as a browser test sees it: sign-in, and the parts of the three widgets, found in
 * their shadow roots by their {@code part} names.
 */
final class TaskCenterPage {
  static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final WebDriver browser;
  private final String root;

  TaskCenterPage(WebDriver browser, int port) {
    this.browser = browser;
    this.root = "http://localhost:" + port;
  }

  TaskCenterPage signIn(String user) {
    browser.get(root + "/");
    until(b -> !b.findElements(By.name("username")).isEmpty());
    browser.findElement(By.name("username")).sendKeys(user);
    browser.findElement(By.name("password")).sendKeys(user);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    until(b -> user.equals(b.findElement(By.id("user")).getText()));
    return this;
  }

  void signOut() {
    browser.findElement(By.id("logout")).click();
    until(b -> !b.findElements(By.name("username")).isEmpty());
  }

  void reload() {
    browser.navigate().refresh();
  }

  /** A part inside a widget's shadow root, such as {@code part(EXPORT, "submit")}. */
  WebElement part(String widget, String part) {
    return shadow(widget).findElement(By.cssSelector("[part~='" + part + "']"));
  }

  List<WebElement> parts(String widget, String part) {
    return shadow(widget).findElements(By.cssSelector("[part~='" + part + "']"));
  }

  /** A field the page put into a widget, by its name. */
  WebElement field(String widget, String name) {
    return browser.findElement(By.cssSelector("#" + widget + " [name='" + name + "']"));
  }

  String state(String widget) {
    return browser.findElement(By.id(widget)).getDomAttribute("data-state");
  }

  /** The shown rows of the task list. */
  List<WebElement> rows() {
    return shadow("tasks").findElements(By.cssSelector("tbody tr"));
  }

  WebElement row(String taskId) {
    return shadow("tasks").findElement(By.cssSelector("tr[data-id='" + taskId + "']"));
  }

  /** A task's status as its row in the list shows it, or null while it has no row. */
  String rowStatus(String taskId) {
    List<WebElement> r = shadow("tasks").findElements(By.cssSelector("tr[data-id='" + taskId + "']"));
    return r.isEmpty() ? null : r.get(0).getDomAttribute("data-status");
  }

  private SearchContext shadow(String widget) {
    return browser.findElement(By.id(widget)).getShadowRoot();
  }

  <T> T until(Function<WebDriver, T> condition) {
    WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(50));
    // the task list replaces its rows as tasks change; a row read while it is replaced is read again
    // (Chromium reports a stale element in a shadow root as a JavaScript error)
    wait.ignoring(StaleElementReferenceException.class, JavascriptException.class);
    return wait.until(condition);
  }

  /**
   * Saves the page as target/screenshots/{name}.png, after checking that no element with {@code
   * hidden}, on the page or in a widget, is shown.
   */
  void screenshot(String name) {
    Object shown =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const roots = [document, ...[...document.querySelectorAll('*')]"
                    + "  .filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];"
                    + "return roots.flatMap((r) => [...r.querySelectorAll('[hidden]')])"
                    + "  .filter((e) => getComputedStyle(e).display !== 'none')"
                    + "  .map((e) => e.getAttribute('part') || e.id || e.tagName);");
    assertThat(shown).as("elements with hidden that are shown").isInstanceOf(List.class);
    assertThat((List<?>) shown).as("elements with hidden that are shown").isEmpty();
    try {
      Files.createDirectories(SCREENSHOTS);
      Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.move(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
