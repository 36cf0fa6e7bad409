package io.taskport;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A configured limit was passed: upload bytes, rows, columns, cell length or errors. The message
 * is for users: it gives the actual number where known, the limit and the place, such as {@code
 * row 2, column G: 40,000 characters; at most 32,767 are allowed}.
 */
public class LimitExceededException extends FormatException {
  private static final long serialVersionUID = 1L;
  private final String limit;
  private final long max;
  private final long value;

  /**
   * Creates the exception when the actual number is not known.
   *
   * @param limit the limit's name, such as {@code maxRows}
   * @param max the configured value
   * @param row the 1-based row where it was passed, or -1
   * @param column the column, or {@code null}
   */
  public LimitExceededException(String limit, long max, long row, @Nullable String column) {
    this(limit, max, -1, row, column);
  }

  /**
   * Creates the exception.
   *
   * @param limit the limit's name, such as {@code maxCellChars}
   * @param max the configured value
   * @param value the actual number, such as the cell's length, or -1 when not known
   * @param row the 1-based row where it was passed, or -1
   * @param column the column, or {@code null}
   */
  public LimitExceededException(
      String limit, long max, long value, long row, @Nullable String column) {
    super(describe(Locale.ENGLISH, limit, max, value, row, column), row, column, null);
    this.limit = limit;
    this.max = max;
    this.value = value;
  }

  /** Returns the limit's name. */
  public String limit() {
    return limit;
  }

  /** Returns the configured value of the limit. */
  public long max() {
    return max;
  }

  /** Returns the actual number that passed the limit, or -1 when not known. */
  public long value() {
    return value;
  }

  /** Returns the message in a locale: the actual number, the limit and the place. */
  @Override
  public String getMessage(@Nullable Locale locale) {
    return describe(locale, limit, max, value, row(), column());
  }

  private static String describe(
      @Nullable Locale l, String limit, long max, long value, long row, @Nullable String column) {
    String actual =
        value >= 0 ? grouped(value) : Messages.format(l, "limit.moreThan", grouped(max));
    String one = (value >= 0 ? value == 1 : max == 1) ? ".one" : "";
    String allowed =
        Messages.format(l, max == 1 ? "limit.allowed.one" : "limit.allowed", grouped(max));
    String place =
        row <= 0
            ? ""
            : column != null
                ? Messages.format(l, "limit.rowColumn", row, column)
                : Messages.format(l, "limit.row", row);
    return switch (limit) {
      case "maxCellChars" -> Messages.format(
          l,
          "limit.maxCellChars" + one,
          place.isEmpty() ? "" : Messages.format(l, "limit.placePrefix", place),
          actual,
          allowed);
      case "maxColumns" -> Messages.format(
          l,
          "limit.maxColumns" + one,
          place.isEmpty() ? Messages.format(l, "limit.aRow") : Messages.format(l, "limit.row", row),
          actual,
          allowed);
      case "maxRows" -> Messages.format(
          l,
          "limit.maxRows" + one,
          actual,
          allowed,
          row > 0 ? Messages.format(l, "limit.stoppedAt", row) : "");
      case "maxBytes" -> Messages.format(l, "limit.maxBytes" + one, actual, allowed);
      default -> Messages.format(
          l,
          "limit.other",
          limit,
          max,
          place.isEmpty() ? "" : Messages.format(l, "limit.atPlace", place));
    };
  }

  private static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
