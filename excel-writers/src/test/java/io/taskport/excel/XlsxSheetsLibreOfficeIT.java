package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.Task;
import io.taskport.TaskStatus;
import io.taskport.format.FormatOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LibreOffice shows each sheet of a two-sheet export, "Orders" and "Summary". */
class XlsxSheetsLibreOfficeIT {
  @BeforeAll
  static void findSoffice() {
    XlsxLibreOfficeIT.findSoffice();
  }

  @Test
  void libreOffice_showsEverySheetOfAMultiSheetExport(@TempDir Path dir) throws Exception {
    try (SheetExports e = new SheetExports(dir.resolve("files"), new XlsxFormat(),
        List.of("Orders", "Summary"))) {
      Task t = e.run("xlsx");
      assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED);
      Path file = dir.resolve("orders.xlsx");
      Files.write(file, e.file(t));
      Process p = new ProcessBuilder(XlsxLibreOfficeIT.soffice,
          "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--headless",
          "--convert-to",
          "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
          "--outdir", dir.toString(), file.toString())
          .redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(log).isTrue();
      assertThat(p.exitValue()).as(log).isZero();
      FormatOptions comma = FormatOptions.defaults().delimiter(',');
      assertThat(Io.cells(Io.read(new CsvFormat(),
          Files.readAllBytes(dir.resolve("orders-Orders.csv")), comma))).containsExactly(
          List.of("Order no", "Customer", "Day", "Amount"),
          List.of("SO-1", "Acme", "2024-03-01", "1,250.00"),
          List.of("SO-2", "Globex", "2024-03-02", "99.50"),
          List.of("SO-3", "Acme", "2024-03-03", "10.25"),
          List.of("SO-4", "上海贸易", "2024-03-04", "7.00"),
          List.of("SO-5", "Globex", "2024-03-05", "1.00"));
      assertThat(Io.cells(Io.read(new CsvFormat(),
          Files.readAllBytes(dir.resolve("orders-Summary.csv")), comma))).containsExactly(
          List.of("Customer", "Orders", "Amount"), List.of("Acme", "2", "1260.25"),
          List.of("Globex", "2", "100.5"), List.of("上海贸易", "1", "7"));
    }
  }
}
