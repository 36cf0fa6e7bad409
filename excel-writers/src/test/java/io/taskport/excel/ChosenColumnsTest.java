package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.ExportColumn;
import io.taskport.ExportRequest;
import io.taskport.TaskManager;
import io.taskport.TaskQuery;
import io.taskport.ValidationException;
import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import io.taskport.handler.ExportHandler;
import io.taskport.store.InMemoryTaskStore;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports whose columns the request chooses, or the params compute, written as real files. */
class ChosenColumnsTest {
  /** A row of the test export. */
  record Account(String name, BigDecimal balance, LocalDate opened, boolean active) {}

  static final List<Account> ACCOUNTS = List.of(
      new Account("Ann", new BigDecimal("12.50"), LocalDate.of(2024, 3, 1), true),
      new Account("张伟", new BigDecimal("-3"), LocalDate.of(2023, 12, 31), false));

  static final ExportHandler<Void, Account> ACCOUNT_EXPORT = ExportHandler.of("accounts",
      Void.class,
      p -> List.of(
          Column.text("Name", Account::name),
          Column.decimal("Balance", Account::balance),
          Column.date("Opened", Account::opened),
          Column.bool("Active", Account::active).key("active")),
      (ctx, out) -> ACCOUNTS.forEach(out::write));

  /** Params of the monthly export: one column per month from {@code from} to {@code to}. */
  public record Range(YearMonth from, YearMonth to) {}

  /** The months of a range, each a column; the row is the account name. */
  static final ExportHandler<Range, String> MONTHLY = ExportHandler.of("monthly", Range.class,
      p -> {
        List<Column<String>> columns = new ArrayList<>();
        columns.add(Column.text("Account", a -> a));
        for (YearMonth m = p.from(); !m.isAfter(p.to()); m = m.plusMonths(1)) {
          YearMonth month = m;
          columns.add(Column.<String>integer(month.toString(), a -> a.length() * 100
              + month.getMonthValue()));
        }
        return columns;
      },
      (ctx, out) -> List.of("Ann", "Bob Z").forEach(out::write));

  @Test
  void csv_hasExactlyTheChosenColumnsInTheChosenOrder(@TempDir Path dir) throws Exception {
    try (Exports e = new Exports(dir, ACCOUNT_EXPORT)) {
      byte[] csv = e.run(ExportRequest.of("accounts", "ann").columns(
          List.of("active", "Name", "Balance")));
      assertThat(Io.cells(Io.read(new CsvFormat(), csv))).containsExactly(
          List.of("Active", "Name", "Balance"),
          List.of("true", "Ann", "12.50"),
          List.of("false", "张伟", "-3"));
    }
  }

  @Test
  void xlsx_hasExactlyTheChosenColumnsInTheChosenOrder_asPoiReadsIt(@TempDir Path dir)
      throws Exception {
    try (Exports e = new Exports(dir, ACCOUNT_EXPORT)) {
      byte[] xlsx = e.run(ExportRequest.of("accounts", "ann").format("xlsx").columns(
          List.of("Opened", "Name")));
      assertThat(poiCells(xlsx)).containsExactly(
          List.of("Opened", "Name"),
          List.of("2024-03-01", "Ann"),
          List.of("2023-12-31", "张伟"));
      try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
        assertThat(wb.getSheetAt(0).getRow(1).getCell(0).getLocalDateTimeCellValue().toLocalDate())
            .isEqualTo(LocalDate.of(2024, 3, 1)); // a real date cell, not text
      }
    }
  }

  @Test
  void noColumns_writesEveryDeclaredColumn(@TempDir Path dir) throws Exception {
    try (Exports e = new Exports(dir, ACCOUNT_EXPORT)) {
      byte[] csv = e.run(ExportRequest.of("accounts", "ann").columns(List.of()));
      assertThat(Io.read(new CsvFormat(), csv).get(0).cells())
          .containsExactly("Name", "Balance", "Opened", "Active");
    }
  }

  @Test
  void submit_listsEveryUnknownColumnAndCreatesNoTask(@TempDir Path dir) {
    try (Exports e = new Exports(dir, ACCOUNT_EXPORT)) {
      assertThatThrownBy(() -> e.manager.submit(ExportRequest.of("accounts", "ann")
              .columns(List.of("Name", "Email", "Active", "Phone"))))
          .isInstanceOfSatisfying(ValidationException.class, v -> {
            assertThat(v.violations()).hasSize(1);
            assertThat(v.violations().get(0).field()).isEqualTo("columns");
            assertThat(v.violations().get(0).message()).isEqualTo(
                "this export has no columns 'Email', 'Active', 'Phone'; choose from 'Name',"
                    + " 'Balance', 'Opened', 'active'");
          });
      assertThat(e.manager.list(TaskQuery.of("ann")).items()).isEmpty();
    }
  }

  @Test
  void submit_refusesUnknownColumnsInTheSubmittersLanguage(@TempDir Path dir) {
    try (Exports e = new Exports(dir, ACCOUNT_EXPORT)) {
      assertThatThrownBy(() -> e.manager.submit(ExportRequest.of("accounts", "ann")
              .locale(java.util.Locale.SIMPLIFIED_CHINESE).columns(List.of("Name", "电话"))))
          .isInstanceOf(ValidationException.class)
          .hasMessage("columns: 此导出没有这些列：'电话'；可选的列：'Name', 'Balance', 'Opened',"
              + " 'active'");
    }
  }

  @Test
  void submit_refusesAColumnChosenTwice(@TempDir Path dir) {
    try (Exports e = new Exports(dir, ACCOUNT_EXPORT)) {
      assertThatThrownBy(() -> e.manager.submit(ExportRequest.of("accounts", "ann")
              .columns(List.of("Name", "Balance", "Name"))))
          .isInstanceOf(ValidationException.class)
          .hasMessage("columns: columns chosen more than once: 'Name'; choose each column once");
      assertThat(e.manager.list(TaskQuery.of("ann")).items()).isEmpty();
    }
  }

  @Test
  void differentColumns_areDifferentExports_sameColumnsAreTwins(@TempDir Path dir) {
    // no workers: the tasks stay active, so a twin is returned instead of a new task
    try (TaskManager tasks = TaskManager.builder().store(new InMemoryTaskStore())
        .files(new LocalFileStore(dir)).workers(0).format(new CsvFormat())
        .export(ACCOUNT_EXPORT).build()) {
      ExportRequest r = ExportRequest.of("accounts", "ann");
      var first = tasks.submit(r.columns(List.of("Name")));
      assertThat(tasks.submit(r.columns(List.of("Name"))).id()).isEqualTo(first.id());
      assertThat(tasks.submit(r.columns(List.of("Balance"))).created()).isTrue();
      assertThat(tasks.submit(r).created()).isTrue();
    }
  }

  @Test
  void columnsComputedFromParams_areListedChosenAndWritten(@TempDir Path dir) throws Exception {
    try (Exports e = new Exports(dir, MONTHLY)) {
      String params = "{\"from\":\"2024-11\",\"to\":\"2025-02\"}";
      assertThat(e.manager.columns("monthly", params)).containsExactly(
          new ExportColumn("Account", "Account", ColumnType.TEXT),
          new ExportColumn("2024-11", "2024-11", ColumnType.INTEGER),
          new ExportColumn("2024-12", "2024-12", ColumnType.INTEGER),
          new ExportColumn("2025-01", "2025-01", ColumnType.INTEGER),
          new ExportColumn("2025-02", "2025-02", ColumnType.INTEGER));

      byte[] all = e.run(ExportRequest.of("monthly", "ann").format("xlsx").params(params));
      assertThat(poiCells(all)).containsExactly(
          List.of("Account", "2024-11", "2024-12", "2025-01", "2025-02"),
          List.of("Ann", "311", "312", "301", "302"),
          List.of("Bob Z", "511", "512", "501", "502"));

      byte[] some = e.run(ExportRequest.of("monthly", "ann").format("xlsx").params(params)
          .columns(List.of("2025-02", "Account")));
      assertThat(poiCells(some)).containsExactly(
          List.of("2025-02", "Account"), List.of("302", "Ann"), List.of("502", "Bob Z"));

      // the declared set is the set for these params: a month outside the range is unknown
      assertThatThrownBy(() -> e.manager.submit(ExportRequest.of("monthly", "ann")
              .params(params).columns(List.of("2024-10", "Account"))))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("has no columns '2024-10'; choose from 'Account', '2024-11'");
    }
  }

  @Test
  void columns_refusesAnUnknownTypeAndBadParams(@TempDir Path dir) {
    try (Exports e = new Exports(dir, MONTHLY)) {
      assertThatThrownBy(() -> e.manager.columns("nope", null))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("unknown export type 'nope'");
      assertThatThrownBy(() -> e.manager.columns("monthly", "{\"form\":\"2024-01\"}"))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("params.form");
    }
  }

  /** The cells of the first sheet as POI formats them, row by row. */
  static List<List<String>> poiCells(byte[] xlsx) throws Exception {
    List<List<String>> out = new ArrayList<>();
    DataFormatter f = new DataFormatter();
    try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = wb.getSheetAt(0);
      for (Row row : sheet) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
          var cell = row.getCell(c);
          boolean date = cell != null && cell.getCellType() == CellType.NUMERIC
              && DateUtil.isCellDateFormatted(cell);
          cells.add(cell == null ? ""
              : date ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
              : f.formatCellValue(cell));
        }
        out.add(cells);
      }
    }
    return out;
  }
}
