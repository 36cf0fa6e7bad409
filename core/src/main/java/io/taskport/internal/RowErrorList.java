package io.taskport.internal;

import io.taskport.handler.RowErrors;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The errors of one imported row, as the error report shows them. */
final class RowErrorList implements RowErrors {
  private final List<String> errors = new ArrayList<>(2);

  @Override
  public void add(@Nullable String column, String message) {
    errors.add(column == null || column.isBlank() ? message : column + ": " + message);
  }

  @Override
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  String describe(long row) {
    return "row " + row + ": " + String.join("; ", errors);
  }
}
