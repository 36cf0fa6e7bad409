package io.taskport.excel;

import io.taskport.format.Column;
import io.taskport.format.FormatOptions;
import io.taskport.format.RowReader;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Comma-separated values (RFC 4180), written with commons-csv and read by a bounded streaming
 * parser.
 *
 * <p>Writing: UTF-8 with a byte-order mark and CRLF by default, so that Excel opens non-ASCII
 * text correctly; text cells are always quoted, and cells that would start a formula get a
 * leading {@code '} unless {@link FormatOptions#escapeFormulas()} is off.
 *
 * <p>Reading: a UTF-8 or UTF-16 byte-order mark overrides {@link FormatOptions#charset()}; the
 * delimiter is detected among {@code , ; tab} when {@link FormatOptions#delimiter()} is {@code
 * null}; every row is returned, header rows included; rows keep their own number of cells; CR, LF
 * and CRLF all end a record. Bytes that are invalid in the charset, NUL characters and an
 * unterminated quote throw {@link io.taskport.FormatException}; the {@link
 * io.taskport.format.Limits} on cell length, columns and rows throw {@link
 * io.taskport.LimitExceededException}, so memory stays bounded by about {@code maxColumns *
 * maxCellChars} characters per record. An empty file has no rows. {@link
 * io.taskport.format.Row#number()} is the line where the record starts, as a text editor numbers
 * it, so a field holding a line break moves later records down.
 *
 * <p>Thread-safe and stateless.
 */
public final class CsvFormat implements TabularFormat {
  /** Creates the format. */
  public CsvFormat() {}

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public String extension() {
    return "csv";
  }

  @Override
  public String contentType() {
    return "text/csv";
  }

  /** Returns {@code true} unless the bytes start with a zip, OLE2, PDF or executable signature. */
  @Override
  public boolean matches(byte[] head) {
    return Signatures.of(head) == Signatures.Kind.TEXT;
  }

  @Override
  public RowWriter openWriter(
      OutputStream out, List<? extends Column<?>> columns, FormatOptions options)
      throws IOException {
    return new CsvRowWriter(out, columns, options);
  }

  @Override
  public RowReader openReader(InputStream in, FormatOptions options) throws IOException {
    return new CsvRowReader(in, options);
  }
}
