package io.taskport.handler;

import java.util.List;

/**
 * Loads the rows of one type of import. Register it with {@code
 * TaskManager.builder().importer(h)}. Called from worker threads, possibly several tasks at once,
 * so implementations must be thread-safe.
 *
 * @param <P> the params type, bound from JSON
 * @param <R> the row type the file's rows are mapped to
 */
public interface ImportHandler<P, R> {
  /** Returns the type name imports are submitted under, such as {@code accounts}. */
  String type();

  /**
   * Returns the class params are bound to; no polymorphic typing is used. {@code Void.class}
   * means the import takes no params, and submit refuses any.
   */
  Class<P> paramsType();

  /** Returns how the file's columns map to the fields of the row type. */
  RowMapping<R> mapping();

  /**
   * Checks params at submit time, before any task exists.
   *
   * @throws io.taskport.ValidationException to refuse the request
   */
  default void validate(P params) {}

  /** Checks one mapped row; errors added here reject the row. */
  default void check(R row, RowErrors errors) {}

  /**
   * Persists one batch of good rows. Called on a worker thread. If it throws, the batch counts as
   * not loaded and the task fails or is retried; a retry resumes after the last accepted batch
   * (see {@link ImportContext#acceptedRows()}).
   */
  void accept(ImportContext<P> ctx, List<R> batch) throws Exception;

  /** Returns how rejected rows are treated, which may depend on the params; best effort default. */
  default ImportMode mode(P params) {
    return ImportMode.BEST_EFFORT;
  }

  /**
   * Returns whether a file with columns no field maps to is refused; by default such columns are
   * ignored.
   */
  default boolean rejectUnknownColumns() {
    return false;
  }

  /**
   * Returns the 1-based number of the header row as the user sees it (the spreadsheet row, or
   * the CSV line), or 0, the default, to find it: the first of the first 20 non-blank rows that
   * has every required column. Rows above the header row are skipped and counted as skipped.
   */
  default int headerRow() {
    return 0;
  }

  /**
   * Returns the handler's own texts: its checks' messages and its header labels, a key {@code
   * column.<field name>} per field. A template is written with the labels in the user's language
   * and an import accepts a header in any language of the bundle. Taskport's own texts by default.
   */
  default io.taskport.Messages messages() {
    return io.taskport.Messages.core();
  }

  /** Returns the number of rows per {@link #accept} call; 500 by default. */
  default int batchSize() {
    return 500;
  }
}
