package io.taskport;

import org.jspecify.annotations.Nullable;

/** A configured limit was passed: upload bytes, rows, columns, cell length or errors. */
public class LimitExceededException extends FormatException {
  private static final long serialVersionUID = 1L;
  private final String limit;
  private final long max;

  /**
   * Creates the exception.
   *
   * @param limit the limit's name, such as {@code maxRows}
   * @param max the configured value
   * @param row the 1-based row where it was passed, or -1
   * @param column the column, or {@code null}
   */
  public LimitExceededException(String limit, long max, long row, @Nullable String column) {
    super(describe(limit, max, row, column), row, column, null);
    this.limit = limit;
    this.max = max;
  }

  /** Returns the limit's name. */
  public String limit() {
    return limit;
  }

  /** Returns the configured value of the limit. */
  public long max() {
    return max;
  }

  private static String describe(String limit, long max, long row, @Nullable String column) {
    StringBuilder s = new StringBuilder(limit).append(" of ").append(max).append(" exceeded");
    if (row > 0) {
      s.append(" at row ").append(row);
    }
    if (column != null) {
      s.append(", column ").append(column);
    }
    return s.toString();
  }
}
