package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LibreOffice opens the XLSX error report of a Chinese import and the Chinese template, and shows
 * the Chinese texts: each is converted to CSV with {@code soffice --headless --convert-to csv}.
 * Skipped without {@code soffice}, as {@link XlsxLibreOfficeIT} is.
 */
class LocalizedReportLibreOfficeIT {
  @BeforeAll
  static void findSoffice() {
    XlsxLibreOfficeIT.findSoffice();
  }

  @Test
  void libreOfficeShowsTheChineseRowErrorsAndTemplateHeaders(@TempDir Path dir) throws Exception {
    try (LocalizedOrders orders = new LocalizedOrders(dir.resolve("files"))) {
      byte[] upload = LocalizedOrders.xlsx(LocalizedFilesTest.CHINESE_WITH_BAD_ROWS);
      Task t = orders.run("订单.xlsx", upload, Locale.CHINA);
      Files.write(dir.resolve("report.xlsx"), orders.report(t));
      Files.write(dir.resolve("template.xlsx"), orders.template("xlsx", Locale.CHINA));
    }
    String report = toCsv(dir, "report");
    assertThat(report.lines().findFirst().orElseThrow()).isEqualTo("商品编码,数量,交货日期,错误");
    assertThat(report).contains("A-2,abc,2024-04-01,第 3 行：“数量”列必须是整数，实际是“abc”");
    assertThat(report).contains("第 4 行：“商品编码”列必须填写；");
    assertThat(toCsv(dir, "template").lines().findFirst().orElseThrow())
        .isEqualTo("商品编码,数量,交货日期");
  }

  /** Converts {@code name.xlsx} in {@code dir} to UTF-8 CSV with LibreOffice, and reads it. */
  private static String toCsv(Path dir, String name) throws Exception {
    Process p =
        new ProcessBuilder(
                XlsxLibreOfficeIT.soffice,
                "-env:UserInstallation=" + dir.resolve("profile").toUri(),
                "--headless",
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76",
                "--outdir",
                dir.toString(),
                dir.resolve(name + ".xlsx").toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(log).isTrue();
    assertThat(dir.resolve(name + ".csv")).as(log).exists();
    return Files.readString(dir.resolve(name + ".csv"), StandardCharsets.UTF_8);
  }
}
