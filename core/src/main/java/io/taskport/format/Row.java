package io.taskport.format;

import java.util.List;

/**
 * One row read from a file.
 *
 * @param number the 1-based row number in the file (for XLSX, the sheet's own row number, so
 *     skipped rows keep their place)
 * @param cells the cells as text, in column order; a blank cell is the empty string. Numbers are
 *     plain decimal text at full precision ({@code 123456789012345}, never {@code 1.23E14}),
 *     dates ISO-8601 ({@code 2024-03-01}, {@code 2024-03-01T08:30:00} or {@code
 *     2024-03-01T08:30:00.250}), booleans {@code TRUE}/{@code FALSE} as a spreadsheet shows them
 */
public record Row(long number, List<String> cells) {
  /** Copies the cells. */
  public Row {
    cells = List.copyOf(cells);
  }

  /** Returns whether every cell is blank. */
  public boolean isBlank() {
    for (String c : cells) {
      if (!c.isBlank()) {
        return false;
      }
    }
    return true;
  }
}
