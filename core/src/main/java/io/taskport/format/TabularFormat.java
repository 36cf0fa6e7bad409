package io.taskport.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A file format for tabular data, found by its {@link #name()}. Formats are registered with the
 * manager's builder; {@link java.util.ServiceLoader} fills in those not registered.
 *
 * <p>Thread-safe: one instance opens any number of readers and writers at once.
 *
 * <p>Stability: a stable SPI; methods are added only with a default.
 *
 * @since 0.1
 */
public interface TabularFormat {
  /** Returns the format's name, lowercase, such as {@code csv} or {@code xlsx}. */
  String name();

  /** Returns the file name extension without the dot, such as {@code xlsx}. */
  String extension();

  /** Returns the media type of files in this format. */
  String contentType();

  /**
   * Returns whether the first bytes of a file look like this format (magic bytes). Formats with
   * no signature, such as CSV, return {@code true} for anything that is not a known binary
   * signature.
   *
   * @param head up to the first 8 bytes of the file
   */
  boolean matches(byte[] head);

  /**
   * Opens a writer that writes the header row and then one row per {@link RowWriter#write} call.
   */
  RowWriter openWriter(OutputStream out, List<? extends Column<?>> columns, FormatOptions options)
      throws IOException;

  /**
   * Returns whether the writers of this format hold several named sheets ({@link
   * RowWriter#sheet}); an export that declares sheets is refused at submit otherwise.
   */
  default boolean writesSheets() {
    return false;
  }

  /**
   * Writes an import template: a header row and one example row, by default through {@link
   * #openWriter} with text columns. Formats that can say more (drop-down lists, notes, a sheet
   * describing the columns) override it.
   *
   * @param locale the user's language, for the texts a format adds (notes, headings)
   */
  default void writeTemplate(OutputStream out, List<TemplateColumn> columns,
      FormatOptions options, Locale locale) throws IOException {
    List<Column<Object>> text = new ArrayList<>();
    List<Object> example = new ArrayList<>();
    for (TemplateColumn c : columns) {
      text.add(Column.text(c.header(), r -> r));
      example.add(c.example());
    }
    try (RowWriter w = openWriter(out, text, options.escapeFormulas(false))) {
      w.write(example);
      w.finish();
    }
  }

  /**
   * Opens a reader over a file in this format.
   *
   * @throws io.taskport.FormatException if the file is not in this format or is damaged
   */
  RowReader openReader(InputStream in, FormatOptions options) throws IOException;
}
