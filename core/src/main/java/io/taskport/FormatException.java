package io.taskport;

import org.jspecify.annotations.Nullable;

/**
 * A file could not be read or written in its format: not what its name says, damaged, or
 * malformed at a given row.
 */
public class FormatException extends TaskportException {
  private static final long serialVersionUID = 1L;
  private final long row;
  private final @Nullable String column;

  /** Creates the exception for the file as a whole. */
  public FormatException(String message) {
    this(message, -1, null, null);
  }

  /** Creates the exception for the file as a whole, with a cause. */
  public FormatException(String message, @Nullable Throwable cause) {
    this(message, -1, null, cause);
  }

  /**
   * Creates the exception for a place in the file.
   *
   * @param row the 1-based row number, or -1 when the problem is not in one row
   * @param column the column's header or letter, or {@code null}
   */
  public FormatException(
      String message, long row, @Nullable String column, @Nullable Throwable cause) {
    super(message, cause);
    this.row = row;
    this.column = column;
  }

  /** Creates the exception for the file as a whole, its text in the reader's language. */
  public FormatException(MessageKey message, @Nullable Throwable cause) {
    this(message, -1, null, cause);
  }

  /** Creates the exception for a place in the file, its text in the reader's language. */
  public FormatException(
      MessageKey message, long row, @Nullable String column, @Nullable Throwable cause) {
    super(message, cause);
    this.row = row;
    this.column = column;
  }

  /** Returns the 1-based row number, or -1. */
  public long row() {
    return row;
  }

  /** Returns the column, or {@code null}. */
  public @Nullable String column() {
    return column;
  }
}
