package io.taskport.handler;

import org.jspecify.annotations.Nullable;

/** Collects what is wrong with one imported row; a row with errors is rejected. */
public interface RowErrors {
  /**
   * Adds an error about one column.
   *
   * @param column the column's header as in the file, or the field name
   * @param message what is wrong, for the user
   */
  void add(@Nullable String column, String message);

  /** Adds an error about the row as a whole. */
  default void add(String message) {
    add(null, message);
  }

  /** Returns whether any error was added. */
  boolean hasErrors();
}
