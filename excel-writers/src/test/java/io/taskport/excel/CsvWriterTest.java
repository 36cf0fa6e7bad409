package io.taskport.excel;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import io.taskport.format.FormatOptions;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
  private final CsvFormat csv = new CsvFormat();

  private static final List<Column<List<?>>> COLUMNS = List.of(
      Column.of("t", ColumnType.TEXT, r -> r.get(0)),
      Column.of("d", ColumnType.DECIMAL, r -> r.get(1)),
      Column.of("day", ColumnType.DATE, r -> r.get(2)),
      Column.of("when", ColumnType.DATETIME, r -> r.get(3)),
      Column.of("ok", ColumnType.BOOLEAN, r -> r.get(4)));

  private String write(FormatOptions o, List<?> row) throws Exception {
    byte[] bytes = Io.write(csv, COLUMNS, o.bom(false).lineSeparator("\n"), List.of(row));
    String s = new String(bytes, StandardCharsets.UTF_8);
    return s.substring(s.indexOf('\n') + 1);
  }

  @Test
  void write_quotesOtherCellsOnlyWhenTheyHoldTheDelimiter() throws Exception {
    List<?> row = List.of("a\"b", new BigDecimal("12.5"), LocalDate.of(2024, 3, 1),
        LocalDateTime.of(2024, 3, 1, 8, 0), true);
    assertThat(write(FormatOptions.defaults(), row))
        .isEqualTo("\"a\"\"b\",12.5,2024-03-01,2024-03-01T08:00:00,true\n");
    assertThat(write(FormatOptions.defaults().delimiter('.'), row))
        .isEqualTo("\"a\"\"b\".\"12.5\".2024-03-01.2024-03-01T08:00:00.true\n");
    assertThat(write(FormatOptions.defaults().delimiter('-'), row))
        .isEqualTo("\"a\"\"b\"-12.5-\"2024-03-01\"-\"2024-03-01T08:00:00\"-true\n");
    assertThat(write(FormatOptions.defaults().delimiter('t'), row))
        .isEqualTo("\"a\"\"b\"t12.5t2024-03-01t2024-03-01T08:00:00t\"true\"\n");
  }

  @Test
  void write_anyColumnWritesEachValueAsItsTypedColumnWould() throws Exception {
    List<Column<Object>> any = List.of(Column.of("v", ColumnType.ANY, r -> r));
    List<List<?>> values = Stream.of(42L, new BigDecimal("1.50"), LocalDate.of(2024, 3, 1),
        LocalDateTime.of(2024, 3, 1, 8, 0), true, "=1+2", "a,b").<List<?>>map(List::of).toList();
    byte[] bytes = Io.write(csv, any, FormatOptions.defaults().bom(false).lineSeparator("\n"),
        values);
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
        "\"v\"\n42\n1.50\n2024-03-01\n2024-03-01T08:00:00\ntrue\n\"'=1+2\"\n\"a,b\"\n");
  }

  @Test
  void write_formatsDateTimesAsIsoLocalDateTime() throws Exception {
    List<LocalDateTime> times = List.of(LocalDateTime.of(2024, 3, 1, 0, 0),
        LocalDateTime.of(1, 1, 1, 23, 59, 59, 1), LocalDateTime.of(2024, 3, 1, 8, 0, 0, 500_000_000),
        LocalDateTime.of(9999, 12, 31, 1, 2, 3, 120_000), LocalDateTime.of(12345, 1, 1, 0, 0),
        LocalDateTime.of(-5, 1, 1, 0, 0));
    for (LocalDateTime t : times) {
      List<Object> row = new ArrayList<>(Arrays.asList(null, null, t.toLocalDate(), t,
          null));
      String expected = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t);
      String date = t.toLocalDate().toString();
      assertThat(write(FormatOptions.defaults(), row)).as(expected)
          .isEqualTo(",," + date + "," + expected + ",\n");
    }
  }

  @Test
  void roundTrip_importReadsBackEveryEdgeValueOfEveryColumnType() throws Exception {
    byte[] bytes = Io.write(csv, XlsxEdgeRows.COLUMNS, FormatOptions.defaults(),
        XlsxEdgeRows.ROWS);
    assertThat(Io.cells(Io.read(csv, bytes))).containsExactly(
        XlsxEdgeRows.READ.get(0),
        List.of("plain", "1", "12.5", "1,234.50", "2024-03-01", "01.03.2024",
            "2024-03-01T08:30:05", "true", "Berlin"),
        List.of("中文 \uD83D\uDE00 \uD834\uDD1E", "-5", "-1234.5678", "-0.50", "1900-01-01",
            "28.02.1900", "1900-01-01T12:00:00", "false", "上海"),
        List.of(XlsxEdgeRows.CONTROLS, "999999999999999", XlsxEdgeRows.ZEROS_300, "0.00",
            "1900-03-01", "31.12.1899", "1900-03-01T00:00:01", "true", "Berlin"),
        List.of("_x0041_ lit & <b> \"q\"", "1000000000000000000", "0.1", "", "2100-01-01",
            "31.12.2101", "2100-03-01T23:59:59", "", "Berlin"),
        List.of("line1\nline2\r\nline3", "100000000000000000000", "123456789.125", "0.00",
            "9999-12-31", "15.06.1850", "9999-12-31T23:59:59", "false", "São Paulo"),
        List.of("", "", "", "", "", "", "", "", "Berlin"),
        List.of("  spaced  ", "-9223372036854775808", "-123456.75", "-1,000,000,000,000,000.00",
            "2024-02-29", "29.02.2000", "2024-12-31T00:00:00", "true", "上海"),
        List.of(XlsxEdgeRows.LONG_TEXT, "", "0.1", "100.00", "", "", "", "false", ""));
  }
}
