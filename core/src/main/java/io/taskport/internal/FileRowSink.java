package io.taskport.internal;

import io.taskport.format.Column;
import io.taskport.format.RowWriter;
import io.taskport.handler.RowSink;
import io.taskport.handler.TaskContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link RowSink} over a format's writer that checks cancellation and reports progress; one
 * per sheet, the sinks of one file sharing the counts.
 */
final class FileRowSink<R> implements RowSink<R> {
  private static final int PROGRESS_EVERY = 1000;

  /** What the sinks of one file share: the writer, the declared sheets, the counts. */
  private static final class File {
    final RowWriter writer;
    final TaskContext<?> ctx;
    final List<String> sheets;
    int sheet;
    long count;
    long total = -1;

    File(RowWriter writer, TaskContext<?> ctx, List<String> sheets) {
      this.writer = writer;
      this.ctx = ctx;
      this.sheets = sheets;
    }
  }

  private final List<Column<R>> columns;
  private final File file;
  private final int sheet;
  private final Object[] values;
  private long count;

  FileRowSink(List<Column<R>> columns, RowWriter writer, TaskContext<?> ctx) {
    this(columns, writer, ctx, List.of());
  }

  /** A sink over a file with the declared sheets; it names the first one if there are any. */
  FileRowSink(List<Column<R>> columns, RowWriter writer, TaskContext<?> ctx, List<String> sheets) {
    this(columns, new File(writer, ctx, sheets), 0);
    if (!sheets.isEmpty()) {
      try {
        writer.nameSheet(sheets.get(0));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private FileRowSink(List<Column<R>> columns, File file, int sheet) {
    this.columns = columns;
    this.file = file;
    this.sheet = sheet;
    this.values = new Object[columns.size()];
  }

  @Override
  public void write(R row) {
    file.ctx.checkCancelled();
    if (sheet != file.sheet) {
      throw new IllegalStateException("sheet '" + file.sheets.get(sheet) + "' is finished: write"
          + " to the sink of sheet '" + file.sheets.get(file.sheet) + "'");
    }
    for (int i = 0; i < values.length; i++) {
      values[i] = columns.get(i).valueOf(row);
    }
    try {
      file.writer.write(Arrays.asList(values));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    count++;
    if (++file.count % PROGRESS_EVERY == 0) {
      file.ctx.progress(file.count, file.total);
    }
  }

  @Override
  public <T> RowSink<T> sheet(String name, List<Column<T>> sheetColumns) {
    int next = file.sheet + 1;
    if (next >= file.sheets.size() || !file.sheets.get(next).equals(name)) {
      throw new IllegalStateException("the export declares the sheets " + file.sheets
          + " (ExportHandler.sheets); the next one is "
          + (next < file.sheets.size() ? "'" + file.sheets.get(next) + "'" : "none")
          + ", not '" + name + "'");
    }
    file.ctx.checkCancelled();
    try {
      file.writer.sheet(name, List.copyOf(sheetColumns));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    file.sheet = next;
    return new FileRowSink<>(List.copyOf(sheetColumns), file, next);
  }

  @Override
  public long count() {
    return count;
  }

  @Override
  public void expect(long total) {
    if (total < 0) {
      throw new IllegalArgumentException("total must be >= 0, was " + total);
    }
    file.total = total;
    file.ctx.progress(file.count, total);
  }

  /** Checks every declared sheet was written and reports the final progress. */
  void finish() {
    if (file.sheet + 1 < file.sheets.size()) {
      throw new IllegalStateException("the export declares the sheets " + file.sheets
          + " but started only " + (file.sheet + 1) + " of them with RowSink.sheet");
    }
    file.ctx.progress(file.count, file.total < 0 ? file.count : Math.max(file.total, file.count));
  }
}
