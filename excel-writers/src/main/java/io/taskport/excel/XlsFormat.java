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
 * Excel 97-2003 workbooks ({@code .xls}), read only, through POI's HSSF record-level event API.
 *
 * <p>Reading: the first visible sheet, or the one chosen by {@link FormatOptions#sheetName()}
 * or {@link FormatOptions#sheetIndex()} (an empty chosen sheet, when another sheet has data, is
 * refused naming the sheets with data); values are rendered as {@link XlsxFormat} renders them. Encrypted
 * workbooks and Excel 5.0/95 files throw {@link io.taskport.FormatException}. The upload is
 * copied to a temp file first, up to {@code Limits.maxBytes}. Writing is not supported: export
 * as {@code xlsx}.
 *
 * <p>Thread-safe and stateless.
 */
public final class XlsFormat implements TabularFormat {
  /** Creates the format. */
  public XlsFormat() {}

  @Override
  public String name() {
    return "xls";
  }

  @Override
  public String extension() {
    return "xls";
  }

  @Override
  public String contentType() {
    return "application/vnd.ms-excel";
  }

  /** Returns whether the bytes start with the OLE2 compound file signature. */
  @Override
  public boolean matches(byte[] head) {
    return Signatures.of(head) == Signatures.Kind.OLE2;
  }

  /**
   * Not supported.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public RowWriter openWriter(
      OutputStream out, List<? extends Column<?>> columns, FormatOptions options) {
    throw new UnsupportedOperationException(
        "xls is read only: export as xlsx (XlsxFormat) instead");
  }

  @Override
  public RowReader openReader(InputStream in, FormatOptions options) throws IOException {
    return new XlsRowReader(in, options);
  }
}
