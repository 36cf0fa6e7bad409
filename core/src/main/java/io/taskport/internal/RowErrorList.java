package io.taskport.internal;

import io.taskport.MessageKey;
import io.taskport.Messages;
import io.taskport.handler.RowErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The errors of one imported row, as the error report shows them in the task's language. */
final class RowErrorList implements RowErrors {
  private final Locale locale;
  private final List<String> errors = new ArrayList<>(2);

  RowErrorList(Locale locale) {
    this.locale = locale;
  }

  @Override
  public void add(@Nullable String column, String message) {
    errors.add(
        column == null || column.isBlank()
            ? message
            : Messages.format(locale, "row.columnText", column, message));
  }

  @Override
  public void add(@Nullable String column, MessageKey message) {
    add(column, message.format(locale));
  }

  /** Adds a cell that did not convert; its text names the column where the language needs it. */
  void add(String column, Conversions.ConversionException e) {
    errors.add(Messages.format(locale, "row.cell", column, e.in(column).format(locale)));
  }

  @Override
  public Locale locale() {
    return locale;
  }

  @Override
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  String describe(long row) {
    String separator = Messages.format(locale, "row.separator");
    return Messages.format(locale, "row.errors", row, String.join(separator, errors));
  }
}
