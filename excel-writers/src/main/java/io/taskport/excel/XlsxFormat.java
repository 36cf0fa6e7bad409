package io.taskport.excel;

import io.taskport.format.Column;
import io.taskport.format.FormatOptions;
import io.taskport.format.RowReader;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import io.taskport.format.TemplateColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/**
 * Excel workbooks (Office Open XML, {@code .xlsx}), written by streaming the sheet XML straight
 * into the zip and read by streaming the sheet XML.
 *
 * <p>Writing: typed cells, a bold frozen header row, dates as {@code yyyy-mm-dd} and {@code
 * yyyy-mm-dd hh:mm:ss} unless the column has a pattern, column widths from the first 100 rows,
 * a new sheet each time one reaches Excel's 1,048,576 rows. Text is always a string cell (never
 * a formula or link) and, unless {@link FormatOptions#escapeFormulas()} is off, text that would
 * start a formula gets a leading {@code '}. Whole numbers of more than 15 digits are written as
 * text, since Excel would round them. Writing uses no temp file and memory stays flat however
 * many rows pass.
 *
 * <p>Reading: the first visible sheet, or the one chosen by {@link FormatOptions#sheetName()}
 * or {@link FormatOptions#sheetIndex()} (an empty chosen sheet, when another sheet has data, is
 * refused naming the sheets with data); numbers as plain text at full precision, dates recognised
 * by their cell style as ISO text (1900 and 1904 date systems), cached formula results, blank
 * cells as empty strings. Large shared-string tables are kept in a memory-mapped temp file, not
 * the heap. DTDs and external entities are refused. Zip limits apply per file, on top of POI's
 * own JVM-wide defaults, which this class never changes.
 *
 * <p>Options, each returning a new instance:
 *
 * <ul>
 *   <li>{@link #minInflateRatio(double)}: the smallest compressed-to-inflated ratio accepted for
 *       a zip entry ({@value #DEFAULT_MIN_INFLATE_RATIO} by default, as POI);
 *   <li>{@link #maxEntrySize(long)}: the most bytes one zip entry may inflate to (2 GiB);
 *   <li>{@link #maxEntries(int)}: the most entries in the zip ({@value #DEFAULT_MAX_ENTRIES}).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class XlsxFormat implements TabularFormat {
  /** The default smallest compression ratio, as POI's {@code ZipSecureFile}. */
  public static final double DEFAULT_MIN_INFLATE_RATIO = 0.01;

  /** The default largest inflated zip entry, 2 GiB. */
  public static final long DEFAULT_MAX_ENTRY_SIZE = (1L << 31) - 1;

  /** The default most zip entries, as POI's {@code ZipSecureFile}. */
  public static final int DEFAULT_MAX_ENTRIES = 1000;

  /** zlib's fastest level: deflating is most of the writer's work (file sizes in the README). */
  static final int DEFLATE_LEVEL = 1;

  /** Excel's row limit per sheet, header included. */
  static final int EXCEL_MAX_ROWS = 1_048_576;

  private final double minInflateRatio;
  private final long maxEntrySize;
  private final int maxEntries;
  private final int rowsPerSheet;

  /** Creates the format with the default options. */
  public XlsxFormat() {
    this(DEFAULT_MIN_INFLATE_RATIO, DEFAULT_MAX_ENTRY_SIZE, DEFAULT_MAX_ENTRIES,
        EXCEL_MAX_ROWS);
  }

  private XlsxFormat(double minInflateRatio, long maxEntrySize,
      int maxEntries, int rowsPerSheet) {
    this.minInflateRatio = minInflateRatio;
    this.maxEntrySize = maxEntrySize;
    this.maxEntries = maxEntries;
    this.rowsPerSheet = rowsPerSheet;
  }

  /**
   * Returns this format with another smallest compression ratio for zip entries.
   *
   * @throws IllegalArgumentException unless {@code 0 < value < 1}
   */
  public XlsxFormat minInflateRatio(double value) {
    if (!(value > 0 && value < 1)) {
      throw new IllegalArgumentException("minInflateRatio must be in (0, 1), was " + value);
    }
    return new XlsxFormat(value, maxEntrySize, maxEntries, rowsPerSheet);
  }

  /**
   * Returns this format with another largest inflated zip entry, in bytes.
   *
   * @throws IllegalArgumentException if {@code value < 1}
   */
  public XlsxFormat maxEntrySize(long value) {
    if (value < 1) {
      throw new IllegalArgumentException("maxEntrySize must be >= 1, was " + value);
    }
    return new XlsxFormat(minInflateRatio, value, maxEntries, rowsPerSheet);
  }

  /**
   * Returns this format with another most zip entries.
   *
   * @throws IllegalArgumentException if {@code value < 1}
   */
  public XlsxFormat maxEntries(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("maxEntries must be >= 1, was " + value);
    }
    return new XlsxFormat(minInflateRatio, maxEntrySize, value, rowsPerSheet);
  }

  /** Returns this format with fewer rows per sheet, header included; for tests. */
  XlsxFormat rowsPerSheet(int value) {
    if (value < 2 || value > EXCEL_MAX_ROWS) {
      throw new IllegalArgumentException("rowsPerSheet must be in [2, 1048576], was " + value);
    }
    return new XlsxFormat(minInflateRatio, maxEntrySize, maxEntries, value);
  }

  /** Returns the smallest compression ratio accepted for a zip entry. */
  public double minInflateRatio() {
    return minInflateRatio;
  }

  /** Returns the largest inflated zip entry accepted, in bytes. */
  public long maxEntrySize() {
    return maxEntrySize;
  }

  /** Returns the most zip entries accepted. */
  public int maxEntries() {
    return maxEntries;
  }

  @Override
  public String name() {
    return "xlsx";
  }

  @Override
  public String extension() {
    return "xlsx";
  }

  @Override
  public String contentType() {
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  }

  /** Returns whether the bytes start with a zip signature. */
  @Override
  public boolean matches(byte[] head) {
    return Signatures.of(head) == Signatures.Kind.ZIP;
  }

  /** Returns {@code true}: a writer holds several named sheets ({@link RowWriter#sheet}). */
  @Override
  public boolean writesSheets() {
    return true;
  }

  @Override
  public RowWriter openWriter(
      OutputStream out, List<? extends Column<?>> columns, FormatOptions options)
      throws IOException {
    return new XlsxStreamWriter(out, columns, options, rowsPerSheet, DEFLATE_LEVEL);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The template's first sheet holds the header, with required columns filled orange and every
   * header carrying its rule as a note, and one example row; enum, boolean and declared-value
   * columns get drop-down lists, number and date columns their formats and a range check, and
   * the header is frozen. The second sheet describes every column: header, other accepted
   * headers, type, whether required, allowed values, example and rule.
   */
  @Override
  public void writeTemplate(OutputStream out, List<TemplateColumn> columns,
      FormatOptions options, Locale locale) throws IOException {
    XlsxTemplate.write(out, columns, new TemplateTexts(locale));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The stream is first copied to a temp file, up to {@code Limits.maxBytes}.
   */
  @Override
  public RowReader openReader(InputStream in, FormatOptions options) throws IOException {
    return new XlsxRowReader(in, options, this);
  }
}
