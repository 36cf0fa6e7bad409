package io.taskport.format;

/**
 * Bounds on what a reader accepts, so that a hostile or broken file fails fast with a clear
 * error instead of exhausting memory. Readers throw {@link io.taskport.LimitExceededException}
 * naming the limit, row and column.
 *
 * @param maxBytes the largest upload, in bytes
 * @param maxRows the most data rows
 * @param maxColumns the most columns in a row
 * @param maxCellChars the most characters in one cell
 * @param maxErrors the most rejected rows before an import stops
 */
public record Limits(long maxBytes, long maxRows, int maxColumns, int maxCellChars, int maxErrors) {
  /** 100 MiB. */
  public static final long DEFAULT_MAX_BYTES = 100L * 1024 * 1024;

  /** 2,000,000 rows. */
  public static final long DEFAULT_MAX_ROWS = 2_000_000;

  /** 512 columns. */
  public static final int DEFAULT_MAX_COLUMNS = 512;

  /** 32,767 characters, Excel's own cell limit. */
  public static final int DEFAULT_MAX_CELL_CHARS = 32_767;

  /** 10,000 rejected rows. */
  public static final int DEFAULT_MAX_ERRORS = 10_000;

  /** Checks that every limit is positive. */
  public Limits {
    if (maxBytes < 1 || maxRows < 1 || maxColumns < 1 || maxCellChars < 1 || maxErrors < 1) {
      throw new IllegalArgumentException(
          "limits must be >= 1, were maxBytes="
              + maxBytes
              + ", maxRows="
              + maxRows
              + ", maxColumns="
              + maxColumns
              + ", maxCellChars="
              + maxCellChars
              + ", maxErrors="
              + maxErrors);
    }
  }

  /** Returns the default limits. */
  public static Limits defaults() {
    return new Limits(
        DEFAULT_MAX_BYTES,
        DEFAULT_MAX_ROWS,
        DEFAULT_MAX_COLUMNS,
        DEFAULT_MAX_CELL_CHARS,
        DEFAULT_MAX_ERRORS);
  }

  /** Returns these limits with another byte limit. */
  public Limits maxBytes(long value) {
    return new Limits(value, maxRows, maxColumns, maxCellChars, maxErrors);
  }

  /** Returns these limits with another row limit. */
  public Limits maxRows(long value) {
    return new Limits(maxBytes, value, maxColumns, maxCellChars, maxErrors);
  }

  /** Returns these limits with another column limit. */
  public Limits maxColumns(int value) {
    return new Limits(maxBytes, maxRows, value, maxCellChars, maxErrors);
  }

  /** Returns these limits with another cell length limit. */
  public Limits maxCellChars(int value) {
    return new Limits(maxBytes, maxRows, maxColumns, value, maxErrors);
  }

  /** Returns these limits with another error limit. */
  public Limits maxErrors(int value) {
    return new Limits(maxBytes, maxRows, maxColumns, maxCellChars, value);
  }
}
