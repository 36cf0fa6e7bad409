package io.taskport.format;

import static java.util.Objects.requireNonNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Options for reading and writing a format; each format uses the ones that apply to it.
 *
 * @param charset the text encoding (CSV); UTF-8 by default; when reading, a byte-order mark
 *     overrides it
 * @param delimiter the field separator (CSV); {@code null} means {@code ,} when writing and
 *     detected among {@code , ; tab} when reading
 * @param bom whether to write a UTF-8 byte-order mark, so that Excel opens non-ASCII CSV text
 *     correctly (CSV); on by default
 * @param lineSeparator the record separator written (CSV); CRLF by default, as RFC 4180 says
 * @param escapeFormulas whether text cells starting with {@code = + - @}, tab, carriage return or
 *     line feed, also after leading spaces or a byte-order mark, are neutralised with a leading
 *     {@code '} on export (OWASP CSV injection); text that is a plain number is left alone; on by
 *     default
 * @param sheetName the sheet to read by name (XLSX, XLS), or {@code null}
 * @param sheetIndex the 0-based position of the sheet to read when no name is given, hidden
 *     sheets counted (XLSX, XLS); -1, the default, reads the first visible sheet
 * @param zone the zone in which instants are shown and local times are read
 * @param limits bounds on what a reader accepts
 */
public record FormatOptions(
    Charset charset,
    @Nullable Character delimiter,
    boolean bom,
    String lineSeparator,
    boolean escapeFormulas,
    @Nullable String sheetName,
    int sheetIndex,
    ZoneId zone,
    Limits limits) {

  private static final FormatOptions DEFAULTS =
      new FormatOptions(
          StandardCharsets.UTF_8, null, true, "\r\n", true, null, -1, ZoneOffset.UTC,
          Limits.defaults());

  /** Checks the parts. */
  public FormatOptions {
    requireNonNull(charset, "charset");
    requireNonNull(lineSeparator, "lineSeparator");
    requireNonNull(zone, "zone");
    requireNonNull(limits, "limits");
    if (sheetIndex < -1) {
      throw new IllegalArgumentException("sheetIndex must be >= -1, was " + sheetIndex);
    }
    if (delimiter != null && (delimiter == '"' || delimiter == '\r' || delimiter == '\n')) {
      throw new IllegalArgumentException("delimiter may not be a quote or line break");
    }
  }

  /** Returns the defaults: UTF-8 with BOM, detected delimiter, CRLF, formulas escaped, UTC. */
  public static FormatOptions defaults() {
    return DEFAULTS;
  }

  /** Returns these options with another charset. */
  public FormatOptions charset(Charset value) {
    return new FormatOptions(
        value, delimiter, bom, lineSeparator, escapeFormulas, sheetName, sheetIndex, zone, limits);
  }

  /** Returns these options with a fixed delimiter, or {@code null} to detect it. */
  public FormatOptions delimiter(@Nullable Character value) {
    return new FormatOptions(
        charset, value, bom, lineSeparator, escapeFormulas, sheetName, sheetIndex, zone, limits);
  }

  /** Returns these options with the byte-order mark on or off. */
  public FormatOptions bom(boolean value) {
    return new FormatOptions(
        charset, delimiter, value, lineSeparator, escapeFormulas, sheetName, sheetIndex, zone,
        limits);
  }

  /** Returns these options with another line separator. */
  public FormatOptions lineSeparator(String value) {
    return new FormatOptions(
        charset, delimiter, bom, value, escapeFormulas, sheetName, sheetIndex, zone, limits);
  }

  /** Returns these options with formula escaping on or off; turn it off only for trusted data. */
  public FormatOptions escapeFormulas(boolean value) {
    return new FormatOptions(
        charset, delimiter, bom, lineSeparator, value, sheetName, sheetIndex, zone, limits);
  }

  /** Returns these options reading the sheet with this name. */
  public FormatOptions sheetName(@Nullable String value) {
    return new FormatOptions(
        charset, delimiter, bom, lineSeparator, escapeFormulas, value, sheetIndex, zone, limits);
  }

  /**
   * Returns these options reading the sheet at this 0-based position, hidden sheets counted, or
   * the first visible sheet for -1.
   */
  public FormatOptions sheetIndex(int value) {
    return new FormatOptions(
        charset, delimiter, bom, lineSeparator, escapeFormulas, sheetName, value, zone, limits);
  }

  /** Returns these options with another zone. */
  public FormatOptions zone(ZoneId value) {
    return new FormatOptions(
        charset, delimiter, bom, lineSeparator, escapeFormulas, sheetName, sheetIndex, value,
        limits);
  }

  /** Returns these options with other limits. */
  public FormatOptions limits(Limits value) {
    return new FormatOptions(
        charset, delimiter, bom, lineSeparator, escapeFormulas, sheetName, sheetIndex, zone,
        value);
  }
}
