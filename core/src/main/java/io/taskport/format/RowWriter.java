package io.taskport.format;

import java.io.IOException;
import java.util.List;

/**
 * Writes rows of one file, streaming. The header row is written when the writer opens. Not
 * thread-safe.
 */
public interface RowWriter extends AutoCloseable {
  /**
   * Writes one row.
   *
   * @param values one value per column, in column order, of the Java types the column's {@link
   *     ColumnType} lists; {@code null} for an empty cell
   * @throws IllegalArgumentException if the number of values or a value's type does not fit
   */
  void write(List<?> values) throws IOException;

  /** Returns the number of data rows written so far. */
  long rows();

  /**
   * Finishes the file and releases temp files; the output stream is flushed but not closed.
   * Closing twice is harmless. Temp files are released even when the write failed.
   */
  @Override
  void close() throws IOException;
}
