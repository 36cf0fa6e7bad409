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
    super(describe(limit, max, value, row, column), row, column, null);
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

  private static String describe(
      String limit, long max, long value, long row, @Nullable String column) {
    String actual = value >= 0 ? grouped(value) : "more than " + grouped(max);
    boolean one = value >= 0 ? value == 1 : max == 1;
    String allowed = "; at most " + grouped(max) + (max == 1 ? " is" : " are") + " allowed";
    String place = row > 0 ? "row " + row + (column != null ? ", column " + column : "") : "";
    return switch (limit) {
      case "maxCellChars" -> place + (place.isEmpty() ? "" : ": ") + actual + " character"
          + (one ? "" : "s") + allowed;
      case "maxColumns" -> (place.isEmpty() ? "a row" : "row " + row) + " has " + actual
          + " column" + (one ? "" : "s") + allowed;
      case "maxRows" -> "the file has " + actual + " data row" + (one ? "" : "s") + allowed
          + (row > 0 ? " (stopped at row " + row + ")" : "");
      case "maxBytes" -> "the file has " + actual + " byte" + (one ? "" : "s") + allowed;
      default -> limit + " of " + max + " exceeded" + (place.isEmpty() ? "" : " at " + place);
    };
  }

  private static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
