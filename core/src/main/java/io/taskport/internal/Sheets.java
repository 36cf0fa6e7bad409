package io.taskport.internal;

import io.taskport.MessageKey;
import io.taskport.Messages;
import io.taskport.ValidationException;
import io.taskport.format.SheetNames;
import io.taskport.format.TabularFormat;
import io.taskport.handler.ExportHandler;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The submit-time check of the sheets an export declares. */
final class Sheets {
  private Sheets() {}

  /**
   * Refuses sheet names that break Excel's rules and a format that holds one table, saying so in
   * the submitter's language (a BCP 47 tag, {@code null} for English).
   *
   * @throws ValidationException saying what to change
   */
  @SuppressWarnings("unchecked")
  static <P> void check(ExportHandler<P, ?> handler, Object params, TabularFormat format,
      @Nullable String locale) {
    List<String> sheets = handler.sheets((P) params);
    if (sheets.isEmpty()) {
      return;
    }
    Locale l = Messages.locale(locale);
    MessageKey problem = SheetNames.problem(sheets);
    if (problem != null) {
      throw new ValidationException("sheets",
          SheetNames.key("sheet.export", handler.type(), problem.format(l)).format(l));
    }
    if (!format.writesSheets()) {
      throw new ValidationException("format", SheetNames.key("sheet.oneTable", handler.type(),
          sheets.size(), String.join(", ", sheets), format.name()).format(l));
    }
  }
}
