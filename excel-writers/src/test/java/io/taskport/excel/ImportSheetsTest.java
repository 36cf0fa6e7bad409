package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.TaskError;
import io.taskport.TaskStatus;
import io.taskport.format.FormatOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which sheet an import reads, in XLSX and XLS workbooks written by POI. */
class ImportSheetsTest {
  @TempDir Path dir;
  private Imports imports;

  @AfterEach
  void close() {
    if (imports != null) {
      imports.close();
    }
  }

  private static List<List<?>> people(String name) {
    return List.of(Arrays.asList("Name", "E-mail"), Arrays.asList(name, name + "@x.io"));
  }

  /** A workbook whose hidden first sheet holds lookups, then "Empty", then "People". */
  private static byte[] workbook(Workbook wb) throws Exception {
    try (wb) {
      Workbooks.fill(wb.createSheet("Lookups"), List.of(Arrays.asList("code", "label")));
      wb.createSheet("Empty");
      Workbooks.fill(wb.createSheet("People"), people("ann"));
      Workbooks.fill(wb.createSheet("Archive"), people("old"));
      wb.setSheetVisibility(0, SheetVisibility.HIDDEN);
      wb.setSheetVisibility(3, SheetVisibility.VERY_HIDDEN);
      return Workbooks.bytes(wb);
    }
  }

  @Test
  void xlsx_readsTheFirstVisibleSheetAndNamesTheSheetsWithDataWhenItIsEmpty() throws Exception {
    check("p.xlsx", workbook(new XSSFWorkbook()));
  }

  @Test
  void xls_readsTheFirstVisibleSheetAndNamesTheSheetsWithDataWhenItIsEmpty() throws Exception {
    check("p.xls", workbook(new HSSFWorkbook()));
  }

  private void check(String name, byte[] file) throws Exception {
    imports = new Imports(dir);
    Imports.Outcome o = imports.run(name, file);
    assertThat(o.task().status()).isEqualTo(TaskStatus.FAILED);
    assertThat(o.task().error().code()).isEqualTo(TaskError.INVALID_FILE);
    assertThat(o.error())
        .isEqualTo("the sheet 'Empty' is empty, but sheets 'Lookups', 'People', 'Archive' have"
            + " data; move the data to 'Empty', or choose the sheet to import");
    imports.close();

    imports = new Imports(dir, FormatOptions.defaults().sheetName("People"));
    assertThat(imports.run(name, file).accepted()).extracting(Imports.Person::name)
        .containsExactly("ann");
    imports.close();

    imports = new Imports(dir, FormatOptions.defaults().sheetIndex(3));
    assertThat(imports.run(name, file).accepted()).extracting(Imports.Person::name)
        .containsExactly("old");
  }

  @Test
  void xlsx_skipsAHiddenFirstSheet() throws Exception {
    byte[] file;
    try (Workbook wb = new XSSFWorkbook()) {
      Workbooks.fill(wb.createSheet("Setup"), List.of(Arrays.asList("x")));
      Workbooks.fill(wb.createSheet("People"), people("ann"));
      wb.setSheetHidden(0, true);
      wb.setActiveSheet(1);
      file = Workbooks.bytes(wb);
    }
    imports = new Imports(dir);
    Imports.Outcome o = imports.run("p.xlsx", file);
    assertThat(o.task().status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(o.accepted()).extracting(Imports.Person::name).containsExactly("ann");
  }
}
