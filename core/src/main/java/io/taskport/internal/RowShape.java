package io.taskport.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Checks that a data row fits its header: no values beyond it, and in CSV no missing fields. */
final class RowShape {
  private RowShape() {}

  /** Returns what is wrong with the row's shape, in the user's words, or {@code null}. */
  static @Nullable String check(List<String> cells, Headers headers, boolean countsFields) {
    int extent = cells.size();
    while (extent > 0 && cells.get(extent - 1).isBlank()) {
      extent--;
    }
    String unit = countsFields ? "field" : "column";
    if (extent > headers.width) {
      return "the row has " + count(extent, unit) + " but the header has " + headers.width
          + "; remove the values after column " + Headers.letters(headers.width - 1)
          + " or give them a header";
    }
    if (countsFields && cells.size() < headers.width) {
      return "the row has " + count(cells.size(), unit) + " but the header has " + headers.width
          + "; add the missing fields (a stray line break or a missing delimiter splits a row)";
    }
    return null;
  }

  private static String count(int n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
