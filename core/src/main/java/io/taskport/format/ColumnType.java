package io.taskport.format;

/**
 * The type of a column's values, so that XLSX cells get real types and CSV gets stable text.
 * The Java values each type accepts are listed per constant; {@code null} is always an empty
 * cell.
 */
public enum ColumnType {
  /** Any value, written as its {@code toString()}. */
  TEXT,
  /** {@code Long}, {@code Integer}, {@code Short}, {@code Byte} or {@code BigInteger}. */
  INTEGER,
  /** {@code BigDecimal}, {@code Double}, {@code Float} or any other {@code Number}. */
  DECIMAL,
  /** {@code LocalDate}. */
  DATE,
  /** {@code LocalDateTime}, {@code OffsetDateTime}, {@code ZonedDateTime} or {@code Instant}. */
  DATETIME,
  /** {@code Boolean}. */
  BOOLEAN,
  /**
   * Any value, each written by its Java type as the constant above that accepts it would write
   * it (a {@code Long} as an {@link #INTEGER}, a {@code LocalDate} as a {@link #DATE}), any
   * other value as {@link #TEXT}; for columns whose cells differ in type, as in error reports.
   */
  ANY
}
