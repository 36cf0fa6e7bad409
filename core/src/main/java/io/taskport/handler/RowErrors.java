package io.taskport.handler;

import io.taskport.MessageKey;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Collects what is wrong with one imported row; a row with errors is rejected. Texts are shown in
 * the task's {@link #locale()}: a handler passes a {@link MessageKey} of its own bundle (see
 * {@link io.taskport.Messages#of}) or a text it wrote in that language.
 */
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

  /**
   * Adds an error about one column, written in the task's language.
   *
   * @param column the column's header as in the file, or the field name; {@code null} for the row
   * @param message the text's key and arguments
   */
  default void add(@Nullable String column, MessageKey message) {
    add(column, message.format(locale()));
  }

  /** Adds an error about the row as a whole, written in the task's language. */
  default void add(MessageKey message) {
    add(null, message);
  }

  /** Returns the language the errors are shown in; English unless the submitter asked for one. */
  default Locale locale() {
    return Locale.ENGLISH;
  }

  /** Returns whether any error was added. */
  boolean hasErrors();
}
