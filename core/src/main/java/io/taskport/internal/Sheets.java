package io.taskport.internal;

import io.taskport.ValidationException;
import io.taskport.format.SheetNames;
import io.taskport.format.TabularFormat;
import io.taskport.handler.ExportHandler;
import java.util.List;

/** The submit-time check of the sheets an export declares. */
final class Sheets {
  private Sheets() {}

  /**
   * Refuses sheet names that break Excel's rules and a format that holds one table.
   *
   * @throws ValidationException saying what to change
   */
  @SuppressWarnings("unchecked")
  static <P> void check(ExportHandler<P, ?> handler, Object params, TabularFormat format) {
    List<String> sheets = handler.sheets((P) params);
    if (sheets.isEmpty()) {
      return;
    }
    try {
      SheetNames.checkAll(sheets);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("sheets", "export '" + handler.type() + "': " + e.getMessage());
    }
    if (!format.writesSheets()) {
      throw new ValidationException("format", "export '" + handler.type() + "' writes "
          + sheets.size() + " sheets (" + String.join(", ", sheets) + "), which a "
          + format.name() + " file cannot hold; export it as xlsx");
    }
  }
}
