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
}
