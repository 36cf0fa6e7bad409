package io.taskport.examples.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts headless Chromium from the Debian packages (or {@code TASKPORT_CHROMIUM} and {@code
 * TASKPORT_CHROMEDRIVER}), never through Selenium Manager, so nothing is downloaded. When they are
 * missing the test is skipped, or fails if {@code TASKPORT_REQUIRE_SERVICES=true}.
 */
final class Browser {
  private Browser() {}

  static ChromeDriver start(Path profile, Path downloads) {
    return start(profile, downloads, "en-US");
  }

  /** Starts the browser with a user interface language, such as {@code zh-CN}. */
  static ChromeDriver start(Path profile, Path downloads, String language) {
    String binary = env("TASKPORT_CHROMIUM", "/usr/bin/chromium");
    String driver = env("TASKPORT_CHROMEDRIVER", "/usr/bin/chromedriver");
    if (!Files.isExecutable(Path.of(binary)) || !Files.isExecutable(Path.of(driver))) {
      String why =
          "Chromium (" + binary + ") or chromedriver (" + driver + ") is missing;"
              + " install them with: apt-get install -y chromium chromium-driver";
      if (Boolean.parseBoolean(System.getenv("TASKPORT_REQUIRE_SERVICES"))) {
        Assertions.fail(why);
      }
      Assumptions.abort(why);
    }
    System.setProperty("webdriver.chrome.driver", driver);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1280,1000",
        "--lang=" + language,
        "--user-data-dir=" + profile);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory", downloads.toString(),
            "download.prompt_for_download", false,
            "download.directory_upgrade", true,
            "intl.accept_languages", language));
    // the browser console, where Chromium reports what a Content-Security-Policy blocked
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(driver))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
