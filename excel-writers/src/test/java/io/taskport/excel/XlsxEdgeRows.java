package io.taskport.excel;

import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Rows at the edges of what a spreadsheet holds, with what Taskport's reader gives back. */
final class XlsxEdgeRows {
  private XlsxEdgeRows() {}

  static final String CONTROLS = "ctl \u0001\u000B\u001F\uFFFE end";
  static final String LONG_TEXT = "inline " + "x".repeat(60) + " \u0002 _x0042_ <&> \uD83D\uDE00";
  static final String ZEROS_300 = "1" + "0".repeat(300);

  static final List<Column<List<?>>> COLUMNS = List.of(
      Column.of("text", ColumnType.TEXT, at(0)),
      Column.of("int", ColumnType.INTEGER, at(1)),
      Column.of("dec", ColumnType.DECIMAL, at(2)),
      Column.<List<?>>of("amount", ColumnType.DECIMAL, at(3)).pattern("#,##0.00"),
      Column.of("day", ColumnType.DATE, at(4)),
      Column.<List<?>>of("day2", ColumnType.DATE, at(5)).pattern("dd.MM.yyyy"),
      Column.of("when", ColumnType.DATETIME, at(6)),
      Column.of("ok", ColumnType.BOOLEAN, at(7)),
      Column.of("city", ColumnType.TEXT, at(8)));

  private static Function<List<?>, Object> at(int i) {
    return r -> r.get(i);
  }

  static final List<List<?>> ROWS = List.of(
      List.of("plain", 1L, 12.5, 1234.5, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 1),
          LocalDateTime.of(2024, 3, 1, 8, 30, 5), true, "Berlin"),
      List.of("中文 \uD83D\uDE00 \uD834\uDD1E", -5, new BigDecimal("-1234.5678"), -0.5,
          LocalDate.of(1900, 1, 1), LocalDate.of(1900, 2, 28),
          LocalDateTime.of(1900, 1, 1, 12, 0), false, "上海"),
      List.of(CONTROLS, 999_999_999_999_999L, 1e300, 1e-7, LocalDate.of(1900, 3, 1),
          LocalDate.of(1899, 12, 31), LocalDateTime.of(1900, 3, 1, 0, 0, 1), true, "Berlin"),
      Arrays.asList("_x0041_ lit & <b> \"q\"", 1_000_000_000_000_000_000L,
          new BigDecimal("0.1"), null, LocalDate.of(2100, 1, 1), LocalDate.of(2101, 12, 31),
          LocalDateTime.of(2100, 3, 1, 23, 59, 59), null, "Berlin"),
      List.of("line1\nline2\r\nline3", BigInteger.TEN.pow(20), 123456789.125, 0,
          LocalDate.of(9999, 12, 31), LocalDate.of(1850, 6, 15),
          LocalDateTime.of(9999, 12, 31, 23, 59, 59), false, "São Paulo"),
      Arrays.asList("", null, null, null, null, null, null, null, "Berlin"),
      List.of("  spaced  ", Long.MIN_VALUE, -123456.75, -1e15, LocalDate.of(2024, 2, 29),
          LocalDate.of(2000, 2, 29), LocalDateTime.of(2024, 12, 31, 0, 0), true, "上海"),
      Arrays.asList(LONG_TEXT, null, 0.1, 99.999, null, null, null, false, null));

  /** What the import path reads, row by row, header first (booleans as a spreadsheet shows them). */
  static final List<List<String>> READ = List.of(
      List.of("text", "int", "dec", "amount", "day", "day2", "when", "ok", "city"),
      List.of("plain", "1", "12.5", "1234.5", "2024-03-01", "2024-03-01", "2024-03-01T08:30:05",
          "TRUE", "Berlin"),
      List.of("中文 \uD83D\uDE00 \uD834\uDD1E", "-5", "-1234.5678", "-0.5", "1900-01-01",
          "1900-02-28", "1900-01-01T12:00:00", "FALSE", "上海"),
      List.of(CONTROLS, "999999999999999", ZEROS_300, "0.0000001", "1900-03-01",
          "1899-12-31", "1900-03-01T00:00:01", "TRUE", "Berlin"),
      List.of("_x0041_ lit & <b> \"q\"", "1000000000000000000", "0.1", "", "2100-01-01",
          "2101-12-31", "2100-03-01T23:59:59", "", "Berlin"),
      List.of("line1\nline2\r\nline3", "100000000000000000000", "123456789.125", "0",
          "9999-12-31", "1850-06-15", "9999-12-31T23:59:59", "FALSE", "São Paulo"),
      List.of("", "", "", "", "", "", "", "", "Berlin"),
      List.of("  spaced  ", "-9223372036854775808", "-123456.75", "-1000000000000000",
          "2024-02-29", "2000-02-29", "2024-12-31", "TRUE", "上海"),
      List.of(LONG_TEXT, "", "0.1", "99.999", "", "", "", "FALSE"));
}
