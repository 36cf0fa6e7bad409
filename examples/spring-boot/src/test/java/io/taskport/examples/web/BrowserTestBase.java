package io.taskport.examples.web;

import io.taskport.TaskManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo on a random port and a headless Chromium for each test, starting with no tasks. A
 * short lease makes workers see a cancel within a second or so. The server notices a closed
 * browser's event streams only at its next heartbeat, so the per-user cap on streams is raised
 * above what the browsers of one run leave behind.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"taskport.lease=3s", "taskport.web.max-streams-per-user=100"})
abstract class BrowserTestBase {
  static final String EXPORT = "export";
  static final String IMPORT = "import";

  @LocalServerPort int port;
  @Autowired TaskManager tasks;
  @TempDir Path profile;
  @TempDir Path downloads;
  @TempDir Path files;
  WebDriver browser;
  TaskCenterPage page;

  @BeforeEach
  void clearTasks() {
    DemoTasks.clear(tasks);
  }

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
    }
  }

  /** Starts the browser in a language and signs in. */
  TaskCenterPage open(String language, String user) {
    browser = Browser.start(profile, downloads, language);
    page = new TaskCenterPage(browser, port).signIn(user);
    return page;
  }

  Path awaitDownload(String suffix) {
    return page.until(
        b -> {
          try (Stream<Path> s = Files.list(downloads)) {
            Optional<Path> p = s.filter(f -> f.toString().endsWith(suffix)).findFirst();
            return p.orElse(null);
          } catch (IOException e) {
            return null;
          }
        });
  }
}
