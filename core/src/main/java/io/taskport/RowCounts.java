package io.taskport;

/**
 * What an import did with the rows of its file.
 *
 * @param total data rows read (the header not counted)
 * @param imported rows handed to the handler and accepted
 * @param rejected rows written to the error report
 * @param skipped blank rows, and rows not loaded because an all-or-nothing import found errors
 */
public record RowCounts(long total, long imported, long rejected, long skipped) {
  /** Checks that no count is negative. */
  public RowCounts {
    if (total < 0 || imported < 0 || rejected < 0 || skipped < 0) {
      throw new IllegalArgumentException(
          "row counts must be >= 0, were " + total + "/" + imported + "/" + rejected + "/" + skipped);
    }
  }
}
