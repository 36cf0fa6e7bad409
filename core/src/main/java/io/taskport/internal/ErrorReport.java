package io.taskport.internal;

import io.taskport.Messages;
import io.taskport.Task;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.format.Column;
import io.taskport.format.ColumnType;
import io.taskport.format.Row;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The rejected rows of an import with their reasons: the original columns plus an {@code errors}
 * column, in the upload's format (XLSX for a read-only format such as XLS). Each cell keeps the
 * type the upload gave it (a number, a date, a boolean or text), also in a column that mixes
 * them; a CSV upload's cells are all text. Rows are kept in a temp file until the report is
 * committed.
 */
final class ErrorReport implements AutoCloseable {
  static final String ERRORS_COLUMN = "errors";

  private final Settings settings;
  private final Task task;
  private final TabularFormat format;
  private static final ColumnType[] TYPES = ColumnType.values();
  private List<String> headers = List.of();
  private @Nullable Path spill;
  private long rows;
  private @Nullable DataOutputStream out;
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

  /** Keeps a rejected row; {@code typeOf} gives each cell's type in the upload. */
  void write(Row row, IntFunction<ColumnType> typeOf, String errors) throws IOException {
    if (out == null) {
      spill = Files.createTempFile("taskport-report-", ".rows");
      out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spill)));
    }
    List<String> cells = row.cells();
    for (int i = 0; i < headers.size(); i++) {
      String v = i < cells.size() ? cells.get(i) : "";
      out.writeByte(v.isEmpty() ? ColumnType.TEXT.ordinal() : typeOf.apply(i).ordinal());
      writeText(out, v);
    }
    writeText(out, errors);
    rows++;
  }

  /** Finishes and publishes the report; {@code null} when no row was rejected. */
  @Nullable FileRef commit() throws IOException {
    DataOutputStream o = out;
    if (o == null) {
      return null;
    }
    o.close();
    out = null;
    List<Column<Object>> columns = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      columns.add(Column.of(headers.get(i), ColumnType.ANY, r -> r));
    }
    columns.add(
        Column.text(Messages.format(Messages.locale(task.locale()), "report.errors"), r -> r));
    String base = task.input() == null ? task.type() : stripExtension(task.input().fileName());
    draft =
        settings
            .files()
            .create(task.id(), base + "-errors." + format.extension(), format.contentType());
    writer = format.openWriter(draft.stream(), columns, settings.formatOptions());
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(spill)))) {
      Object[] values = new Object[headers.size() + 1];
      for (long r = 0; r < rows; r++) {
        for (int i = 0; i < headers.size(); i++) {
          ColumnType type = TYPES[in.readByte()];
          String text = readText(in);
          Object value = value(text, type);
          values[i] = value == null ? text : value;
        }
        values[headers.size()] = readText(in);
        writer.write(Arrays.asList(values));
      }
    }
    writer.finish();
    writer.close();
    writer = null;
    return draft.commit();
  }

  /** Returns the cell as a value of its type, or {@code null} when it does not parse as one. */
  private static @Nullable Object value(String text, ColumnType type) {
    try {
      return switch (type) {
        case INTEGER, DECIMAL -> new BigDecimal(text);
        case DATE -> LocalDate.parse(text);
        case DATETIME -> LocalDateTime.parse(text);
        case BOOLEAN -> text.equals("TRUE") ? Boolean.TRUE : text.equals("FALSE") ? Boolean.FALSE
            : null;
        case TEXT, ANY -> text;
      };
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void writeText(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readText(DataInputStream in) throws IOException {
    return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    try {
      if (out != null) {
        out.close();
      }
      if (writer != null) {
        writer.close();
      }
    } finally {
      try {
        if (draft != null) {
          draft.close();
        }
      } finally {
        if (spill != null) {
          Files.deleteIfExists(spill);
        }
      }
    }
  }

  private static String stripExtension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
