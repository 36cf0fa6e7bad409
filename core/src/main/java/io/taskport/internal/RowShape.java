package io.taskport.internal;

import io.taskport.Messages;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Checks that a data row fits its header: no values beyond it, and in CSV no missing fields. */
final class RowShape {
  private RowShape() {}

  /** Returns what is wrong with the row's shape, in the user's words, or {@code null}. */
  static @Nullable String check(
      List<String> cells, Headers headers, boolean countsFields, Locale locale) {
    int extent = cells.size();
    while (extent > 0 && cells.get(extent - 1).isBlank()) {
      extent--;
    }
    if (extent > headers.width) {
      return Messages.format(
          locale,
          "row.tooWide",
          count(extent, countsFields, locale),
          headers.width,
          Headers.letters(headers.width - 1));
    }
    if (countsFields && cells.size() < headers.width) {
      return Messages.format(
          locale, "row.tooShort", count(cells.size(), true, locale), headers.width);
    }
    return null;
  }

  private static String count(int n, boolean fields, Locale locale) {
    String unit = (fields ? "row.fields" : "row.columns") + (n == 1 ? "One" : "");
    return Messages.format(locale, unit, n);
  }
}
