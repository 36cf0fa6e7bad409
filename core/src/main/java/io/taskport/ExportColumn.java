package io.taskport;

import static java.util.Objects.requireNonNull;

import io.taskport.format.Column;
import io.taskport.format.ColumnType;

/**
 * One column an export can write, as offered to a user who picks columns: see {@link
 * TaskManager#columns} and {@link ExportRequest#columns}.
 *
 * @param key what a request names to choose it
 * @param header the header written in the file
 * @param type the value type
 */
public record ExportColumn(String key, String header, ColumnType type) {
  /** Checks the parts. */
  public ExportColumn {
    requireNonNull(key, "key");
    requireNonNull(header, "header");
    requireNonNull(type, "type");
  }

  /** Returns the description of a handler's column. */
  public static ExportColumn of(Column<?> column) {
    return new ExportColumn(column.key(), column.header(), column.type());
  }
}
