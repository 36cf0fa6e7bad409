package io.taskport.internal;

import io.taskport.format.Column;
import io.taskport.format.RowWriter;
import io.taskport.handler.RowSink;
import io.taskport.handler.TaskContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** A {@link RowSink} over a format's writer that checks cancellation and reports progress. */
final class FileRowSink<R> implements RowSink<R> {
  private static final int PROGRESS_EVERY = 1000;

  private final List<Column<R>> columns;
  private final RowWriter writer;
  private final TaskContext<?> ctx;
  private final Object[] values;
  private long count;
  private long total = -1;

  FileRowSink(List<Column<R>> columns, RowWriter writer, TaskContext<?> ctx) {
    this.columns = columns;
    this.writer = writer;
    this.ctx = ctx;
    this.values = new Object[columns.size()];
  }

  @Override
  public void write(R row) {
    ctx.checkCancelled();
    for (int i = 0; i < values.length; i++) {
      values[i] = columns.get(i).valueOf(row);
    }
    try {
      writer.write(Arrays.asList(values));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (++count % PROGRESS_EVERY == 0) {
      ctx.progress(count, total);
    }
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
    this.total = total;
    ctx.progress(count, total);
  }

  void finish() {
    ctx.progress(count, total < 0 ? count : Math.max(total, count));
  }
}
