package io.taskport.internal;

import io.taskport.Task;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.format.Column;
import io.taskport.format.Row;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rejected rows of an import with their reasons: the original columns plus an {@code errors}
 * column, in the upload's format (XLSX for a read-only format such as XLS). Opened on the first
 * rejected row only.
 */
final class ErrorReport implements AutoCloseable {
  static final String ERRORS_COLUMN = "errors";

  private final Settings settings;
  private final Task task;
  private final TabularFormat format;
  private List<String> headers = List.of();
  private @Nullable FileDraft draft;
  private @Nullable RowWriter writer;

  ErrorReport(Settings settings, Task task, TabularFormat uploadFormat) {
    this.settings = settings;
    this.task = task;
    TabularFormat xlsx = settings.formats().get("xlsx");
    this.format = uploadFormat.name().equals("xls") && xlsx != null ? xlsx : uploadFormat;
  }

  void headers(List<String> headers) {
    this.headers = headers;
  }

  void write(Row row, String errors) throws IOException {
    if (writer == null) {
      open();
    }
    Object[] values = new Object[headers.size() + 1];
    List<String> cells = row.cells();
    for (int i = 0; i < headers.size(); i++) {
      values[i] = i < cells.size() ? cells.get(i) : "";
    }
    values[headers.size()] = errors;
    writer.write(Arrays.asList(values));
  }

  private void open() throws IOException {
    List<Column<Object>> columns = new ArrayList<>();
    for (String h : headers) {
      columns.add(Column.text(h, r -> r));
    }
    columns.add(Column.text(ERRORS_COLUMN, r -> r));
    String base = task.input() == null ? task.type() : stripExtension(task.input().fileName());
    draft =
        settings
            .files()
            .create(task.id(), base + "-errors." + format.extension(), format.contentType());
    writer = format.openWriter(draft.stream(), columns, settings.formatOptions());
  }

  /** Finishes and publishes the report; {@code null} when no row was rejected. */
  @Nullable FileRef commit() throws IOException {
    if (writer == null) {
      return null;
    }
    writer.finish();
    writer.close();
    writer = null;
    return draft.commit();
  }

  @Override
  public void close() throws IOException {
    try {
      if (writer != null) {
        writer.close();
      }
    } finally {
      if (draft != null) {
        draft.close();
      }
    }
  }

  private static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
