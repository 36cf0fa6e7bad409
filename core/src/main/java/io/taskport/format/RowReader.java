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

  /** Releases temp files and parsers; the input stream is not closed. */
  @Override
  void close() throws IOException;
}
