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
}
