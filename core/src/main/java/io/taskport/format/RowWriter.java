package io.taskport.format;

import java.io.IOException;
import java.util.List;

/**
 * Writes rows of one file, streaming. The header row is written when the writer opens. A writer
 * has two exits, like {@link io.taskport.file.FileDraft}: {@link #finish()} completes the file,
 * and {@link #close()} without it discards, writing nothing more, so a failed or cancelled export
 * never produces a whole-looking file. Use it in try-with-resources and call {@code finish()} as
 * the last statement. Not thread-safe.
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

  /**
   * Names the sheet being written, for formats with sheets (see {@link
   * TabularFormat#writesSheets()}); by default the format names it.
   *
   * @throws IllegalArgumentException if the name breaks a rule of {@link SheetNames}
   * @throws UnsupportedOperationException if the format has no sheets
   */
  default void nameSheet(String name) throws IOException {
    throw new UnsupportedOperationException("this format writes a single table, without sheets");
  }

  /**
   * Ends the sheet being written and starts a new one with this name, writing the header row of
   * its columns; later rows go to it and must fit these columns.
   *
   * @throws IllegalArgumentException if the name breaks a rule of {@link SheetNames} or is the
   *     name of an earlier sheet
   * @throws UnsupportedOperationException if the format has no sheets
   */
  default void sheet(String name, List<? extends Column<?>> columns) throws IOException {
    throw new UnsupportedOperationException("this format writes a single table, without sheets");
  }

  /** Returns the number of data rows written so far. */
  long rows();

  /**
   * Completes the file (for XLSX the whole workbook is written only now) and flushes the output
   * stream without closing it. No row may be written after it.
   *
   * @throws IllegalStateException if the writer was already finished or closed
   */
  void finish() throws IOException;

  /**
   * Releases temp files. Unless {@link #finish()} was called, the file is discarded: nothing more
   * is written to the output stream, which then holds an unfinished file the caller throws away.
   * Closing twice is harmless.
   */
  @Override
  void close() throws IOException;
}
