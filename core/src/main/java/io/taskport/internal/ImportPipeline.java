package io.taskport.internal;

import io.taskport.FormatException;
import io.taskport.LimitExceededException;
import io.taskport.Messages;
import io.taskport.NonRetryableException;
import io.taskport.RowCounts;
import io.taskport.TaskError;
import io.taskport.TaskResult;
import io.taskport.file.FileRef;
import io.taskport.format.ColumnType;
import io.taskport.format.FormatOptions;
import io.taskport.format.Row;
import io.taskport.format.RowReader;
import io.taskport.format.TabularFormat;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.ImportMode;
import io.taskport.handler.RowMapping;
import io.taskport.store.Heartbeat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * Runs an import: detects the file's real format, maps its header, converts and checks each row,
 * hands good rows to the handler in batches, and writes rejected rows to an error report. A
 * retried import skips the rows earlier attempts saw accepted, so no batch is loaded twice.
 */
final class ImportPipeline {
  private static final int PROGRESS_EVERY = 1000;
  /** The other format cannot read the file either; describe its signature instead. */
  private static final String UNREADABLE = new String("unreadable");

  private final Settings settings;
  private final Runner runner;

  ImportPipeline(Settings settings, Runner runner) {
    this.settings = settings;
    this.runner = runner;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Nullable TaskResult run(Attempt a) throws Exception {
    ImportHandler handler = settings.imports().get(a.task.type());
    ImportMode mode = handler.mode(a.params());
    TabularFormat format = runner.format(a.task);
    Locale locale = Messages.locale(a.task.locale());
    if (a.task.check()) {
      return check(a, handler, format, mode == ImportMode.ALL_OR_NOTHING);
    }
    Pass pass = new Pass(a, handler, format, mode == ImportMode.ALL_OR_NOTHING);
    try {
      pass.read(false);
      if (mode == ImportMode.ALL_OR_NOTHING) {
        if (pass.rejected > 0) {
          a.progress(
              pass.read,
              pass.read,
              Messages.format(locale, "import.nothingImported", pass.rejected));
          return runner.publish(a, pass.result(0, pass.skipped + pass.good));
        }
        Pass load = new Pass(a, handler, format, false);
        try {
          load.read(true);
          return runner.publish(a, load.result(load.imported, load.skipped));
        } finally {
          load.report.close();
        }
      }
      return runner.publish(a, pass.result(pass.imported, pass.skipped));
    } finally {
      pass.report.close();
    }
  }

  /** Reads, converts and validates the whole file of a check; hands the handler nothing. */
  private @Nullable TaskResult check(
      Attempt a, ImportHandler<Object, Object> handler, TabularFormat format, boolean allOrNothing)
      throws Exception {
    Pass pass = new Pass(a, handler, format, true);
    pass.preview = new PreviewRows(allOrNothing);
    try {
      pass.read(false);
      FileRef preview = pass.preview.commit(settings.files(), a.taskId());
      FileRef reportRef = pass.report.commit();
      return runner.publish(
          a,
          new TaskResult(
              preview, reportRef, new RowCounts(pass.read, 0, pass.rejected, pass.skipped)));
    } finally {
      pass.report.close();
    }
  }

  private static Messages labels(ImportHandler<?, ?> handler) {
    Messages m = handler.messages();
    return m == null ? Messages.core() : m;
  }

  /** One read of the file. */
  private final class Pass {
    final Attempt a;
    final ImportHandler<Object, Object> handler;
    final TabularFormat format;
    final boolean checkOnly;
    final RowMapping<Object> mapping;
    final Locale locale;
    final ErrorReport report;
    final int batchSize;
    final long alreadyAccepted;
    final List<Object> batch = new ArrayList<>();
    long read;
    long good;
    long imported;
    long rejected;
    long skipped;
    @Nullable PreviewRows preview;

    Pass(Attempt a, ImportHandler<Object, Object> handler, TabularFormat format, boolean checkOnly) {
      this.a = a;
      this.handler = handler;
      this.format = format;
      this.checkOnly = checkOnly;
      this.mapping = handler.mapping();
      this.locale = Messages.locale(a.task.locale());
      this.report = new ErrorReport(settings, a.task, format);
      this.batchSize = Math.max(1, handler.batchSize());
      this.alreadyAccepted = a.acceptedRows();
    }

    void read(boolean loading) throws Exception {
      FileRef input = a.task.input();
      if (input == null) {
        throw new NonRetryableException(
            TaskError.INVALID_FILE, Messages.format(locale, "import.noUpload"));
      }
      FormatOptions options = settings.formatOptions();
      try (InputStream raw = settings.files().open(input);
          InputStream in = new BufferedInputStream(raw, 64 * 1024)) {
        checkSignature(in, format, input, locale);
        try (RowReader reader = format.openReader(in, options)) {
          readRows(reader, loading);
        } catch (LimitExceededException e) {
          throw inWords(e);
        }
      }
    }

    private void readRows(RowReader reader, boolean loading) throws Exception {
      this.reader = reader;
      Headers headers =
          Headers.find(reader, mapping, handler.headerRow(), labels(handler), locale);
      this.headers = headers;
      List<String> unknown = headers.unmapped();
      if (handler.rejectUnknownColumns() && !mapping.keepsOtherColumns() && !unknown.isEmpty()) {
        throw new NonRetryableException(
            TaskError.INVALID_FILE, Messages.format(locale, "import.unknownColumns", unknown));
      }
      boolean fields = reader.countsFields();
      date1904 = reader.date1904();
      skipped += fields ? headers.rowsAbove : headers.row - 1;
      report.headers(headers.names);
      if (preview != null) {
        preview.headers(previewHeaders(headers));
      }
      long total = reader.estimatedRows();
      String message =
          loading
              ? Messages.format(locale, "import.loading")
              : checkOnly ? Messages.format(locale, "import.checking") : null;
      long last = headers.row;
      for (Row row = reader.next(); row != null; row = reader.next()) {
        a.checkCancelled();
        if (!fields && row.number() > last + 1) {
          skipped += row.number() - last - 1; // blank rows a spreadsheet leaves out
        }
        last = row.number();
        if (row.isBlank()) {
          skipped++;
          continue;
        }
        read++;
        handle(row, headers, fields);
        if (read % PROGRESS_EVERY == 0) {
          progress(total, message);
        }
      }
      flush();
      progress(total < 0 ? read : total, message);
    }

    /** Names the column by its header and says how many rows were loaded before the limit. */
    private NonRetryableException inWords(LimitExceededException e) {
      String column = e.column();
      int c = Headers.columnOf(column);
      if (headers != null && c >= 0 && c < headers.names.size()) {
        column = Messages.format(locale, "limit.namedColumn", headers.nameOf(c));
      }
      String message =
          new LimitExceededException(e.limit(), e.max(), e.value(), e.row(), column)
              .getMessage(locale);
      return new NonRetryableException(TaskError.LIMIT_EXCEEDED, message + loaded(), e);
    }

    private String loaded() {
      return imported == 0
          ? Messages.format(locale, "import.noneLoaded")
          : Messages.format(
              locale,
              imported == 1 ? "import.oneLoadedBefore" : "import.loadedBefore",
              String.format(Locale.ROOT, "%,d", imported));
    }

    private void progress(long total, @Nullable String message) {
      if (message == null) {
        a.progress(read, total);
      } else {
        a.progress(read, total, message);
      }
    }

    private boolean date1904;
    private @Nullable Headers headers;
    private @Nullable RowReader reader;

    private void handle(Row row, Headers headers, boolean fields) throws Exception {
      List<RowMapping.Field> mapped = mapping.fields();
      Object[] values = new Object[mapped.size()];
      RowErrorList errors = new RowErrorList(locale);
      List<String> cells = row.cells();
      String shape = RowShape.check(cells, headers, fields, locale);
      if (shape != null) {
        errors.add(null, shape);
        reject(row, errors);
        return;
      }
      for (int f = 0; f < mapped.size(); f++) {
        int c = headers.columnOfField[f];
        String cell = c >= 0 && c < cells.size() ? cells.get(c) : "";
        RowMapping.Field field = mapped.get(f);
        if (field.valueRequired() && cell.isBlank()) {
          String column = c >= 0 ? headers.names.get(c) : field.name();
          errors.add(column, new Conversions.ConversionException("conv.required"));
          continue;
        }
        try {
          Allowed.check(cell, field.allowed());
          values[f] =
              Conversions.convert(cell, field.type(), settings.formatOptions().zone(), date1904);
        } catch (Conversions.ConversionException e) {
          errors.add(c >= 0 ? headers.names.get(c) : field.name(), e);
        }
      }
      Object created = null;
      if (!errors.hasErrors()) {
        try {
          created =
              mapping.keepsOtherColumns()
                  ? mapping.create(values, headers.otherColumns(cells))
                  : mapping.create(values);
        } catch (IllegalArgumentException | NullPointerException e) {
          errors.add(
              null,
              e.getMessage() == null ? Messages.format(locale, "row.invalid") : e.getMessage());
        }
      }
      if (created != null) {
        handler.check(created, errors);
      }
      if (errors.hasErrors()) {
        reject(row, errors);
        return;
      }
      good++;
      if (preview != null) {
        preview.add(values);
      }
      if (checkOnly || good <= alreadyAccepted) {
        if (good <= alreadyAccepted) {
          imported++;
        }
        return;
      }
      batch.add(created);
      if (batch.size() >= batchSize) {
        flush();
      }
    }

    private List<String> previewHeaders(Headers headers) {
      List<RowMapping.Field> mapped = mapping.fields();
      List<String> names = new ArrayList<>(mapped.size());
      for (int f = 0; f < mapped.size(); f++) {
        int c = headers.columnOfField[f];
        names.add(c >= 0 && c < headers.names.size() ? headers.names.get(c) : mapped.get(f).name());
      }
      return names;
    }

    private void reject(Row row, RowErrorList errors) throws IOException {
      rejected++;
      if (rejected > settings.formatOptions().limits().maxErrors()) {
        throw new NonRetryableException(
            TaskError.LIMIT_EXCEEDED,
            Messages.format(
                locale,
                "limit.maxErrors",
                settings.formatOptions().limits().maxErrors(),
                row.number(),
                loaded()));
      }
      RowReader r = reader;
      report.write(
          row, c -> r == null ? ColumnType.TEXT : r.cellType(c), errors.describe(row.number()));
    }

    private void flush() throws Exception {
      if (batch.isEmpty()) {
        return;
      }
      a.checkCancelled();
      handler.accept(a, List.copyOf(batch));
      imported += batch.size();
      batch.clear();
      saveCheckpoint();
    }

    /** Saves the accepted row count now, fenced, so a retry resumes after this batch. */
    private void saveCheckpoint() {
      String checkpoint = Long.toString(imported);
      Heartbeat h =
          settings.store().heartbeat(a.fence, a.currentProgress(), checkpoint, settings.lease());
      if (h == Heartbeat.LOST) {
        a.markLost();
        throw new CancellationException("task " + a.taskId() + " lost its lease");
      }
      if (h == Heartbeat.CANCEL_REQUESTED) {
        a.requestCancel();
      }
    }

    TaskResult result(long importedRows, long skippedRows) throws IOException {
      FileRef reportRef = report.commit();
      return new TaskResult(
          null, reportRef, new RowCounts(read, importedRows, rejected, skippedRows));
    }
  }

  /**
   * Refuses a file whose first bytes do not fit the format its name claims, after a closer look:
   * when another format's signature fits, its reader says what is wrong (a password, an old
   * version), or the file is that format under the wrong name.
   */
  private void checkSignature(InputStream in, TabularFormat format, FileRef input, Locale locale)
      throws IOException {
    in.mark(Signatures.HEAD * 2);
    byte[] head = in.readNBytes(Signatures.HEAD);
    in.reset();
    if (head.length == 0) {
      throw new FormatException(Messages.format(locale, "file.empty"));
    }
    if (format.matches(head)) {
      return;
    }
    String named = format.name().toUpperCase(Locale.ROOT);
    for (TabularFormat other : settings.formats().values()) {
      if (other != format && other.matches(head) && !other.name().equals("csv")) {
        String problem = problemReading(other, input, locale);
        if (problem == UNREADABLE) {
          break;
        }
        throw new FormatException(
            problem != null
                ? problem
                : Messages.format(
                    locale,
                    "file.otherFormat",
                    named,
                    other.name().toUpperCase(Locale.ROOT),
                    other.extension(),
                    format.extension()));
      }
    }
    throw new FormatException(
        Messages.format(locale, "file.otherContent", named, Signatures.describe(head, locale)));
  }

  /** Returns what another format's reader finds wrong with the file, or {@code null}. */
  private @Nullable String problemReading(TabularFormat other, FileRef input, Locale locale)
      throws IOException {
    try (InputStream in = settings.files().open(input);
        RowReader reader = other.openReader(in, settings.formatOptions())) {
      reader.next();
      return null;
    } catch (FormatException e) {
      String m = e.getMessage();
      String shown = e.getMessage(locale);
      // "not a valid ..." says only that it is damaged: the signature says more
      return m == null || m.startsWith("not a") ? UNREADABLE : shown;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
