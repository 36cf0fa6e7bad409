package io.taskport.format;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the rows of one file, streaming, header row included, enforcing the {@link Limits} of its
 * options. Not thread-safe.
 */
public interface RowReader extends AutoCloseable {
  /**
   * Returns the next row, or {@code null} at the end of the file.
   *
   * @throws io.taskport.FormatException if the file is malformed at this point
   * @throws io.taskport.LimitExceededException if a limit is passed
   */
  @Nullable Row next() throws IOException;

  /** Returns the number of data rows in the file when known in advance, else {@code -1}. */
  default long estimatedRows() {
    return -1;
  }

  /**
   * Returns whether a row's cells are exactly the fields of its record, as in CSV, so that a row
   * with fewer cells than the header is short; spreadsheets leave trailing empty cells out and
   * return {@code false}, the default.
   */
  default boolean countsFields() {
    return false;
  }

  /**
   * Returns whether the workbook counts date serial numbers from 1904-01-01 (Excel's 1904 date
   * system) rather than 1900; {@code false} by default and for formats without serials.
   */
  default boolean date1904() {
    return false;
  }

  /**
   * Returns the type of a cell of the row {@link #next()} returned last, as the file holds it:
   * {@link ColumnType#DECIMAL} for a number cell, {@link ColumnType#DATE} or {@link
   * ColumnType#DATETIME} for a date cell, {@link ColumnType#BOOLEAN}, or {@link ColumnType#TEXT},
   * the default and the type of every CSV cell. Error reports use it to keep the user's types.
   */
  default ColumnType cellType(int column) {
    return ColumnType.TEXT;
  }

  /** Releases temp files and parsers; the input stream is not closed. */
  @Override
  void close() throws IOException;
}
