package io.taskport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConversionsTest {
  private static Object convert(String text, Class<?> type) {
    return Conversions.convert(text, type, ZoneOffset.UTC);
  }

  @Test
  void numbers_acceptPlainGroupedAndExcelWholeNumbers() {
    assertThat(convert("42", int.class)).isEqualTo(42);
    assertThat(convert("42.0", Long.class)).isEqualTo(42L);
    assertThat(convert("123456789012345", long.class)).isEqualTo(123456789012345L);
    assertThat(convert("1,234,567.5", BigDecimal.class)).isEqualTo(new BigDecimal("1234567.5"));
    assertThat(convert("-0.25", double.class)).isEqualTo(-0.25);
    assertThatThrownBy(() -> convert("4.5", int.class)).hasMessage("'4.5' is not a whole number");
    assertThatThrownBy(() -> convert("3000000000", int.class)).hasMessageContaining("out of range");
    assertThatThrownBy(() -> convert("12,34", BigDecimal.class)).hasMessage("'12,34' is not a number");
    assertThatThrownBy(() -> convert("1" + "0".repeat(200), BigDecimal.class))
        .hasMessageContaining("is not a number");
  }

  @Test
  void dates_acceptCommonPatternsAndExcelSerials() {
    LocalDate d = LocalDate.of(2024, 3, 31);
    for (String s : new String[] {"2024-03-31", "2024/3/31", "2024.03.31", "31.03.2024", "20240331", "2024年3月31日", "45382", "2024-03-31T00:00:00"}) {
      assertThat(convert(s, LocalDate.class)).as(s).isEqualTo(d);
    }
    assertThat(convert("2024-03-31 08:30", LocalDateTime.class))
        .isEqualTo(LocalDateTime.of(2024, 3, 31, 8, 30));
    assertThat(convert("45382.5", LocalDateTime.class))
        .isEqualTo(LocalDateTime.of(2024, 3, 31, 12, 0));
    assertThatThrownBy(() -> convert("2024-02-30", LocalDate.class))
        .hasMessageContaining("is not a date");
  }

  @Test
  void booleansAndEnums_acceptCommonWords() {
    assertThat(convert("Yes", Boolean.class)).isEqualTo(true);
    assertThat(convert("0", boolean.class)).isEqualTo(false);
    assertThat(convert("否", Boolean.class)).isEqualTo(false);
    assertThatThrownBy(() -> convert("maybe", Boolean.class)).hasMessageContaining("yes/no");
    assertThat(convert("milli seconds", TimeUnit.class)).isEqualTo(TimeUnit.MILLISECONDS);
    assertThatThrownBy(() -> convert("weeks", TimeUnit.class))
        .hasMessageContaining("is not one of NANOSECONDS");
  }

  @Test
  void blanks_areNullButRequiredForPrimitives() {
    assertThat(convert("  ", Integer.class)).isNull();
    assertThat(convert("", String.class)).isNull();
    assertThatThrownBy(() -> convert("", int.class)).hasMessage("a value is required");
  }

  @Test
  void serials_followTheSpreadsheetCalendarUpTo9999() {
    assertThat(convert("1", LocalDate.class)).isEqualTo(LocalDate.of(1900, 1, 1));
    assertThat(convert("59", LocalDate.class)).isEqualTo(LocalDate.of(1900, 2, 28));
    assertThatThrownBy(() -> convert("60", LocalDate.class))
        .hasMessageStartingWith("1900-02-29 does not exist");
    assertThatThrownBy(() -> convert("1900-02-29", LocalDate.class))
        .hasMessageStartingWith("1900-02-29 does not exist");
    assertThat(convert("61", LocalDate.class)).isEqualTo(LocalDate.of(1900, 3, 1));
    assertThat(convert("2958465", LocalDate.class)).isEqualTo(LocalDate.of(9999, 12, 31));
    assertThatThrownBy(() -> convert("2958466", LocalDate.class))
        .hasMessage("'2958466' is after 9999-12-31, the last date a spreadsheet holds");
    assertThatThrownBy(() -> convert("0", LocalDate.class)).hasMessageContaining("start at 1");
    assertThat(Conversions.convert("0", LocalDate.class, ZoneOffset.UTC, true))
        .isEqualTo(LocalDate.of(1904, 1, 1));
    assertThat(Conversions.convert("45382", LocalDate.class, ZoneOffset.UTC, true))
        .isEqualTo(LocalDate.of(2028, 4, 1));
    assertThat(convert("45382.3541695602", LocalDateTime.class))
        .isEqualTo(LocalDateTime.of(2024, 3, 31, 8, 30, 0, 250_000_000));
    assertThat(convert("2024-03-31T08:30:00.250", LocalDateTime.class))
        .isEqualTo(LocalDateTime.of(2024, 3, 31, 8, 30, 0, 250_000_000));
  }

  @Test
  void numbers_refuseFractionsForIntegersAndInfinitiesForDecimals() {
    assertThatThrownBy(() -> convert("1.5", java.math.BigInteger.class))
        .hasMessage("'1.5' is not a whole number");
    assertThatThrownBy(() -> convert("1e400", double.class)).hasMessage("'1e400' is out of range");
    assertThatThrownBy(() -> convert("1e39", Float.class)).hasMessage("'1e39' is out of range");
    assertThatThrownBy(() -> convert("Infinity", Double.class)).hasMessageContaining("not a number");
    assertThatThrownBy(() -> convert("1e999999999", java.math.BigInteger.class))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> convert("12abc", Integer.class)).hasMessage("'12abc' is not a number");
  }

  @Test
  void booleans_acceptEveryDocumentedSpellingAndListThemWhenRefusing() {
    for (String yes : new String[] {"TRUE", "yes", "Y", "1", "on", "是", "√"}) {
      assertThat(convert(yes, Boolean.class)).as(yes).isEqualTo(true);
    }
    for (String no : new String[] {"FALSE", "no", "n", "0", "OFF", "否", "×"}) {
      assertThat(convert(no, Boolean.class)).as(no).isEqualTo(false);
    }
    assertThatThrownBy(() -> convert("maybe", Boolean.class))
        .hasMessage("'maybe' is not a yes/no value (use true/false, yes/no, y/n, 1/0, on/off,"
            + " 是/否, √/×)");
  }

  @Test
  void isoTextReadsAsTheFormattersReadIt() {
    for (String s : new String[] {"2024-02-29", "0000-01-01", "9999-12-31", "1900-02-28"}) {
      assertThat(convert(s, LocalDate.class)).as(s).isEqualTo(LocalDate.parse(s));
    }
    for (String s : new String[] {"2024-02-29T23:59:59", "2024-01-01T08:00:00.5",
        "2024-01-01T08:00:00.123456789", "1899-12-31T00:00:00.010"}) {
      assertThat(convert(s, LocalDateTime.class)).as(s).isEqualTo(LocalDateTime.parse(s));
    }
    for (String s : new String[] {"2023-02-29", "2024-13-01", "2024-04-31", "2024-00-10"}) {
      assertThatThrownBy(() -> convert(s, LocalDate.class)).as(s).hasMessageContaining(s);
    }
    assertThatThrownBy(() -> convert("2024-01-01T24:00:00", LocalDateTime.class))
        .hasMessageContaining("2024-01-01T24:00:00");
    assertThat(convert("+0042", long.class)).isEqualTo(42L);
    assertThat(convert("-999999999999999999", long.class)).isEqualTo(-999999999999999999L);
    assertThat(convert("9223372036854775807", long.class)).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> convert("9223372036854775808", long.class))
        .hasMessageContaining("9223372036854775808");
    assertThatThrownBy(() -> convert("-129", byte.class)).hasMessageContaining("out of range");
  }
}
