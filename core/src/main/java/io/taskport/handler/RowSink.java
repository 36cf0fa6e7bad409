package io.taskport.handler;

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

  /** Returns the number of rows written so far. */
  long count();

  /** Tells the sink the number of rows to expect, so progress shows a total. */
  void expect(long total);
}
