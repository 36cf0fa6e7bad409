package io.taskport.spring.boot;

import io.taskport.format.FormatOptions;
import io.taskport.format.Limits;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/** Settings of the file formats and the limits of readers, under {@code taskport.format}. */
public class FormatProperties {
  /** Text encoding of CSV files; when reading, a byte-order mark overrides it. */
  private Charset charset = StandardCharsets.UTF_8;

  /** CSV field separator; when unset, a comma is written and a comma, semicolon or tab is detected. */
  private @Nullable Character delimiter;

  /** Whether CSV files start with a UTF-8 byte-order mark, so that Excel reads non-ASCII text. */
  private boolean bom = true;

  /** CSV record separator written; CRLF by default, as RFC 4180 says. */
  private String lineSeparator = "\r\n";

  /** Whether exported text that starts like a formula (=, +, -, @) is neutralised with a quote. */
  private boolean escapeFormulas = true;

  /** The sheet an import reads by name (XLSX, XLS); the first sheet when unset. */
  private @Nullable String sheetName;

  /** The 0-based sheet an import reads when no sheet name is given (XLSX, XLS). */
  private int sheetIndex;

  /** Time zone in which instants are written and local times are read. */
  private ZoneId zone = ZoneOffset.UTC;

  /** The most data rows an import reads. */
  private long maxRows = Limits.DEFAULT_MAX_ROWS;

  /** The most columns an import reads. */
  private int maxColumns = Limits.DEFAULT_MAX_COLUMNS;

  /** The most characters of one cell an import reads. */
  private int maxCellChars = Limits.DEFAULT_MAX_CELL_CHARS;

  /** The most rejected rows an import reports before it stops. */
  private int maxErrors = Limits.DEFAULT_MAX_ERRORS;

  /** Creates the settings with their defaults. */
  public FormatProperties() {}

  /** Returns the options these settings describe, with the given largest upload in bytes. */
  FormatOptions options(long maxBytes) {
    Limits limits =
        Limits.defaults()
            .maxBytes(maxBytes)
            .maxRows(maxRows)
            .maxColumns(maxColumns)
            .maxCellChars(maxCellChars)
            .maxErrors(maxErrors);
    return FormatOptions.defaults()
        .charset(charset)
        .delimiter(delimiter)
        .bom(bom)
        .lineSeparator(lineSeparator)
        .escapeFormulas(escapeFormulas)
        .sheetName(sheetName)
        .sheetIndex(sheetIndex)
        .zone(zone)
        .limits(limits);
  }

  /** Returns the CSV charset. */
  public Charset getCharset() {
    return charset;
  }

  /** Sets the CSV charset. */
  public void setCharset(Charset charset) {
    this.charset = charset;
  }

  /** Returns the CSV delimiter, or null to detect it. */
  public @Nullable Character getDelimiter() {
    return delimiter;
  }

  /** Sets the CSV delimiter, or null to detect it. */
  public void setDelimiter(@Nullable Character delimiter) {
    this.delimiter = delimiter;
  }

  /** Returns whether CSV files start with a byte-order mark. */
  public boolean isBom() {
    return bom;
  }

  /** Sets whether CSV files start with a byte-order mark. */
  public void setBom(boolean bom) {
    this.bom = bom;
  }

  /** Returns the CSV record separator. */
  public String getLineSeparator() {
    return lineSeparator;
  }

  /** Sets the CSV record separator. */
  public void setLineSeparator(String lineSeparator) {
    this.lineSeparator = lineSeparator;
  }

  /** Returns whether formula-like text is neutralised. */
  public boolean isEscapeFormulas() {
    return escapeFormulas;
  }

  /** Sets whether formula-like text is neutralised. */
  public void setEscapeFormulas(boolean escapeFormulas) {
    this.escapeFormulas = escapeFormulas;
  }

  /** Returns the sheet to read by name, or null. */
  public @Nullable String getSheetName() {
    return sheetName;
  }

  /** Sets the sheet to read by name, or null. */
  public void setSheetName(@Nullable String sheetName) {
    this.sheetName = sheetName;
  }

  /** Returns the sheet to read by index. */
  public int getSheetIndex() {
    return sheetIndex;
  }

  /** Sets the sheet to read by index. */
  public void setSheetIndex(int sheetIndex) {
    this.sheetIndex = sheetIndex;
  }

  /** Returns the time zone of dates and times. */
  public ZoneId getZone() {
    return zone;
  }

  /** Sets the time zone of dates and times. */
  public void setZone(ZoneId zone) {
    this.zone = zone;
  }

  /** Returns the most rows an import reads. */
  public long getMaxRows() {
    return maxRows;
  }

  /** Sets the most rows an import reads. */
  public void setMaxRows(long maxRows) {
    this.maxRows = maxRows;
  }

  /** Returns the most columns an import reads. */
  public int getMaxColumns() {
    return maxColumns;
  }

  /** Sets the most columns an import reads. */
  public void setMaxColumns(int maxColumns) {
    this.maxColumns = maxColumns;
  }

  /** Returns the most characters of a cell. */
  public int getMaxCellChars() {
    return maxCellChars;
  }

  /** Sets the most characters of a cell. */
  public void setMaxCellChars(int maxCellChars) {
    this.maxCellChars = maxCellChars;
  }

  /** Returns the most rejected rows reported. */
  public int getMaxErrors() {
    return maxErrors;
  }

  /** Sets the most rejected rows reported. */
  public void setMaxErrors(int maxErrors) {
    this.maxErrors = maxErrors;
  }
}
