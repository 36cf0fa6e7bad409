package io.taskport.handler;

import io.taskport.format.Column;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Where an export handler writes its rows. Checks for cancellation and reports progress on its
 * own every few thousand rows. Not thread-safe: write from the handler's thread.
 *
 * @param <R> the row type
 */
public interface RowSink<R> {
  /**
   * Writes one row.
   *
   * @throws CancellationException if the task was cancelled
   * @throws java.io.UncheckedIOException if the file could not be written
   */
  void write(R row);

  /** Writes every row of an iterable, in order. */
  default void writeAll(Iterable<? extends R> rows) {
    for (R row : rows) {
      write(row);
    }
  }

  /**
   * Ends this sheet and starts the next sheet the handler declared in {@link
   * ExportHandler#sheets}, with its own columns; returns the sink of its rows. This sink takes
   * no more rows.
   *
   * <pre>{@code
   * orders.forEach(out::write);
   * RowSink<Total> summary = out.sheet("Summary", List.of(
   *     Column.text("Customer", Total::customer), Column.decimal("Amount", Total::amount)));
   * totals.forEach(summary::write);
   * }</pre>
   *
   * @throws IllegalStateException if {@code name} is not the next declared sheet
   * @throws java.io.UncheckedIOException if the file could not be written
   */
  default <T> RowSink<T> sheet(String name, List<Column<T>> columns) {
    throw new UnsupportedOperationException("this sink writes one sheet");
  }

  /** Returns the number of rows written so far. */
  long count();

  /** Tells the sink the number of rows to expect, so progress shows a total. */
  void expect(long total);
}
