package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.RowCounts;
import io.taskport.Task;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LibreOffice opens the XLSX import template: it shows both sheets as CSV, and a copy it saves
 * as XLSX keeps the drop-down lists, the notes and the column sheet, and still imports.
 */
class XlsxTemplateLibreOfficeIT {
  @BeforeAll
  static void findSoffice() {
    XlsxLibreOfficeIT.findSoffice();
  }

  @Test
  void libreOffice_opensTheTemplate_andItsSavedCopyKeepsListsNotesAndImports(@TempDir Path dir)
      throws Exception {
    try (TemplateImports imports = new TemplateImports(dir.resolve("files"))) {
      Path file = dir.resolve("orders.xlsx");
      Files.write(file, imports.template("xlsx"));

      String log = convert(dir, file, dir.resolve("csv"),
          "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1");
      Path dataCsv = dir.resolve("csv/orders-Data.csv");
      Path columnsCsv = dir.resolve("csv/orders-Columns.csv");
      assertThat(dataCsv).as(log).exists();
      assertThat(columnsCsv).as(log).exists();
      List<Row> shown = Io.read(new CsvFormat(), Files.readAllBytes(dataCsv),
          FormatOptions.defaults().delimiter(','));
      assertThat(shown.get(0).cells()).isEqualTo(XlsxTemplateTest.HEADERS);
      assertThat(shown.get(1).cells()).containsExactly("SO-2024-0042", "Acme Trading Ltd",
          "2024-03-31", "2024-03-31 08:30", "1,250.00", "12", "yes", "CARD", "web",
          "Deliver before noon");
      List<Row> described = Io.read(new CsvFormat(), Files.readAllBytes(columnsCsv),
          FormatOptions.defaults().delimiter(','));
      assertThat(described).hasSize(1 + XlsxTemplateTest.HEADERS.size());
      assertThat(described.get(8).cells().get(4)).isEqualTo("CARD, TRANSFER, CASH");

      log = convert(dir, file, dir.resolve("saved"), "xlsx");
      Path saved = dir.resolve("saved/orders.xlsx");
      assertThat(saved).as(log).exists();
      try (InputStream in = new FileInputStream(saved.toFile());
          XSSFWorkbook wb = new XSSFWorkbook(in)) {
        XSSFSheet data = wb.getSheet("Data");
        List<String> lists = new ArrayList<>();
        for (DataValidation v : data.getDataValidations()) {
          String[] values = v.getValidationConstraint().getExplicitListValues();
          if (values != null) {
            lists.add(String.join("|", values));
          }
        }
        assertThat(lists).containsExactlyInAnyOrder("yes|no", "CARD|TRANSFER|CASH",
            "web|shop|phone");
        assertThat(data.getRow(0).getCell(0).getCellComment().getString().getString())
            .isEqualTo("Required: every row needs a value.");
        assertThat(wb.getSheet("Columns").getRow(0).getCell(6).getStringCellValue())
            .isEqualTo("Rule");
      }
      Task t = imports.run("orders.xlsx", Files.readAllBytes(saved));
      assertThat(t.result().counts()).isEqualTo(new RowCounts(1, 1, 0, 0));
      assertThat(imports.accepted).extracting(TemplateImports.Order::number)
          .containsExactly("SO-2024-0042");
    }
  }

  private static String convert(Path dir, Path file, Path out, String filter) throws Exception {
    Process p = new ProcessBuilder(XlsxLibreOfficeIT.soffice,
        "-env:UserInstallation=" + dir.resolve("profile").toUri(), "--headless", "--convert-to",
        filter, "--outdir", out.toString(), file.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(log).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    return log;
  }
}
