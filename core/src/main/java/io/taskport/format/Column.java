package io.taskport.format;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One column of an export: its header, its type, an optional number or date pattern, and how to
 * get its value from a row object.
 *
 * <pre>{@code
 * List<Column<Account>> columns = List.of(
 *     Column.text("Name", Account::name),
 *     Column.decimal("Balance", Account::balance).pattern("#,##0.00"),
 *     Column.date("Opened", Account::opened));
 * }</pre>
 *
 * @param <R> the row type
 */
public final class Column<R> {
  private final String header;
  private final ColumnType type;
  private final @Nullable String pattern;
  private final Function<? super R, ?> value;

  private Column(
      String header, ColumnType type, @Nullable String pattern, Function<? super R, ?> value) {
    this.header = requireNonNull(header, "header");
    this.type = requireNonNull(type, "type");
    this.pattern = pattern;
    this.value = requireNonNull(value, "value");
  }

  /** A column of any value, written as text. */
  public static <R> Column<R> text(String header, Function<? super R, ?> value) {
    return new Column<>(header, ColumnType.TEXT, null, value);
  }

  /** A column of whole numbers. */
  public static <R> Column<R> integer(String header, Function<? super R, ? extends Number> value) {
    return new Column<>(header, ColumnType.INTEGER, null, value);
  }

  /** A column of decimal numbers, such as amounts. */
  public static <R> Column<R> decimal(String header, Function<? super R, ? extends Number> value) {
    return new Column<>(header, ColumnType.DECIMAL, null, value);
  }

  /** A column of dates. */
  public static <R> Column<R> date(String header, Function<? super R, LocalDate> value) {
    return new Column<>(header, ColumnType.DATE, null, value);
  }

  /** A column of date-times; instants are shown in the zone of the format options. */
  public static <R> Column<R> datetime(
      String header, Function<? super R, ? extends Temporal> value) {
    return new Column<>(header, ColumnType.DATETIME, null, value);
  }

  /** A column of booleans. */
  public static <R> Column<R> bool(String header, Function<? super R, Boolean> value) {
    return new Column<>(header, ColumnType.BOOLEAN, null, value);
  }

  /**
   * A column of the given type, for columns built from data such as a list of fields.
   *
   * @throws NullPointerException if an argument is null
   */
  public static <R> Column<R> of(String header, ColumnType type, Function<? super R, ?> value) {
    return new Column<>(header, type, null, value);
  }

  /**
   * Returns this column with a display pattern: a number pattern such as {@code #,##0.00} for
   * numeric columns, a {@link java.time.format.DateTimeFormatter} pattern such as {@code
   * yyyy-MM-dd} for date columns. XLSX applies it as the cell format; CSV formats the text with it.
   */
  public Column<R> pattern(String pattern) {
    return new Column<>(header, type, requireNonNull(pattern, "pattern"), value);
  }

  /** Returns this column under another header, such as the header in the user's language. */
  public Column<R> header(String header) {
    return new Column<>(requireNonNull(header, "header"), type, pattern, value);
  }

  /** Returns the header text. */
  public String header() {
    return header;
  }

  /** Returns the value type. */
  public ColumnType type() {
    return type;
  }

  /** Returns the display pattern, or {@code null} for the format's default. */
  public @Nullable String pattern() {
    return pattern;
  }

  /** Returns this column's value of a row, or {@code null}. */
  public @Nullable Object valueOf(R row) {
    return value.apply(row);
  }

  @Override
  public String toString() {
    return "Column[" + header + ", " + type + (pattern == null ? "" : ", " + pattern) + "]";
  }

  /** Returns whether a value may stand in a column of this type; used by writers to check. */
  public static boolean accepts(ColumnType type, Object value) {
    return switch (type) {
      case TEXT, ANY -> true;
      case INTEGER -> value instanceof Long
          || value instanceof Integer
          || value instanceof Short
          || value instanceof Byte
          || value instanceof java.math.BigInteger;
      case DECIMAL -> value instanceof Number;
      case DATE -> value instanceof LocalDate;
      case DATETIME -> value instanceof java.time.LocalDateTime
          || value instanceof java.time.OffsetDateTime
          || value instanceof java.time.ZonedDateTime
          || value instanceof java.time.Instant;
      case BOOLEAN -> value instanceof Boolean;
    };
  }
}
