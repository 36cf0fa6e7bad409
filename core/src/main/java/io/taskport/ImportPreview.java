package io.taskport;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The first rows of a checked import as they would be loaded: each value converted to its
 * field's type and written as text (dates in ISO form, numbers in plain notation). Bounded: at
 * most {@link #MAX_ROWS} rows, each value cut at {@link #MAX_VALUE_CHARS} characters, and no more
 * rows once the values pass {@link #MAX_CHARS} characters in all.
 *
 * @param headers the file's headers of the mapped fields, in the order of the row type
 * @param rows the first rows that passed every check, each with one value per header
 * @param truncated whether the file has more good rows than the preview holds
 * @param allOrNothing whether the import loads all rows or none, so that a check that rejected
 *     rows cannot be confirmed
 */
public record ImportPreview(
    List<String> headers, List<List<String>> rows, boolean truncated, boolean allOrNothing) {
  /** The most rows a preview holds. */
  public static final int MAX_ROWS = 20;

  /** The most characters of one value; longer values end with an ellipsis. */
  public static final int MAX_VALUE_CHARS = 200;

  /** The most characters of all values together. */
  public static final int MAX_CHARS = 32 * 1024;

  /** Copies the lists. */
  public ImportPreview {
    headers = List.copyOf(requireNonNull(headers, "headers"));
    rows = requireNonNull(rows, "rows").stream().map(List::copyOf).toList();
  }
}
