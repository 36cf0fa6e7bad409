package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.ExportRequest;
import io.taskport.format.FormatOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export of chosen, reordered columns, and one of columns computed from params, as LibreOffice
 * reads them: {@code soffice --headless --convert-to csv}. Skipped without {@code soffice}, unless
 * {@code TASKPORT_REQUIRE_SERVICES=true}.
 */
class ChosenColumnsLibreOfficeIT {
  private static String soffice;

  @BeforeAll
  static void findSoffice() {
    XlsxLibreOfficeIT.findSoffice(); // skips, or fails when services are required, without it
    soffice = XlsxLibreOfficeIT.soffice;
  }

  @Test
  void libreOffice_readsTheChosenColumnsInTheChosenOrder(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    try (Exports e = new Exports(Files.createDirectories(dir.resolve("files")),
        ChosenColumnsTest.ACCOUNT_EXPORT, ChosenColumnsTest.MONTHLY)) {
      byte[] xlsx = e.run(ExportRequest.of("accounts", "ann").format("xlsx")
          .columns(List.of("active", "Opened", "Name")));
      assertThat(shown(dir, out, "chosen.xlsx", xlsx)).containsExactly(
          List.of("Active", "Opened", "Name"),
          List.of("TRUE", "2024-03-01", "Ann"),
          List.of("FALSE", "2023-12-31", "张伟"));

      byte[] csv = e.run(ExportRequest.of("accounts", "ann").columns(List.of("Balance", "Name")));
      assertThat(shown(dir, out, "chosen.csv", csv)).containsExactly(
          List.of("Balance", "Name"), List.of("12.5", "Ann"), List.of("-3", "张伟"));

      byte[] monthly = e.run(ExportRequest.of("monthly", "ann").format("xlsx")
          .params("{\"from\":\"2024-12\",\"to\":\"2025-01\"}")
          .columns(List.of("2025-01", "Account", "2024-12")));
      assertThat(shown(dir, out, "monthly.xlsx", monthly)).containsExactly(
          List.of("2025-01", "Account", "2024-12"),
          List.of("301", "Ann", "312"),
          List.of("501", "Bob Z", "512"));
    }
  }

  /** Converts the file with LibreOffice and reads its CSV back, cells as LibreOffice shows them. */
  private static List<List<String>> shown(Path dir, Path out, String name, byte[] bytes)
      throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    List<String> command = new java.util.ArrayList<>(List.of(soffice,
        "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--headless"));
    if (name.endsWith(".csv")) {
      command.add("--infilter=CSV:44,34,76,1"); // comma, double quotes, UTF-8, from line 1
    }
    command.addAll(List.of("--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false",
        "--outdir", out.toString(), file.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(log).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    Path converted = out.resolve(name.substring(0, name.lastIndexOf('.')) + ".csv");
    assertThat(converted).as(log).exists();
    return Io.cells(Io.read(new CsvFormat(), Files.readAllBytes(converted),
        FormatOptions.defaults().delimiter(',')));
  }
}
