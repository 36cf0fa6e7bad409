package io.taskport.internal;

import io.taskport.FormatException;
import io.taskport.LimitExceededException;
import io.taskport.Messages;
import io.taskport.NonRetryableException;
import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskKind;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.TaskportException;
import io.taskport.ValidationException;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.format.Column;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import io.taskport.handler.ExportHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Runs one attempt on a worker thread and writes its end to the store. */
final class Runner {
  private static final Logger log = LoggerFactory.getLogger(Runner.class);
  static final String MDC_KEY = "taskport.taskId";

  private final Settings settings;
  private final Endings endings;
  private final ImportPipeline imports;

  Runner(Settings settings, Endings endings) {
    this.settings = settings;
    this.endings = endings;
    this.imports = new ImportPipeline(settings, this);
  }

  void run(Attempt a) {
    a.bind(Thread.currentThread());
    MDC.put(MDC_KEY, a.taskId().value());
    try {
      log.debug("attempt {} of task {} started", a.attempt(), a.taskId());
      TaskResult result =
          a.task.kind() == TaskKind.EXPORT ? export(a) : imports.run(a);
      if (result != null) {
        finish(a, result);
      }
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError vme) {
        throw vme;
      }
      failed(a, e);
    } finally {
      a.bind(null);
      Thread.interrupted();
      MDC.remove(MDC_KEY);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private @Nullable TaskResult export(Attempt a) throws Exception {
    ExportHandler handler = settings.exports().get(a.task.type());
    TabularFormat format = format(a.task);
    List<Column<Object>> columns =
        ChosenColumns.select(
            labelled(handler.columns(a.params()), handler, a.locale()),
            ChosenColumns.of(a.task.params()),
            a.locale());
    String fileName = handler.fileName(a.params()) + "." + format.extension();
    try (FileDraft draft = settings.files().create(a.taskId(), fileName, format.contentType())) {
      FileRowSink<Object> sink;
      // a writer closed without finish() discards: a failed or cancelled export writes no more
      try (RowWriter writer =
          format.openWriter(draft.stream(), columns, settings.formatOptions())) {
        sink = new FileRowSink<>(columns, writer, a, handler.sheets(a.params()));
        handler.export(a, sink);
        a.checkCancelled();
        sink.finish();
        writer.finish();
      }
      a.checkCancelled();
      FileRef ref = draft.commit();
      return publish(a, TaskResult.ofFile(ref));
    }
  }

  /** Returns the columns under their headers in the task's language, where the bundle has one. */
  private static List<Column<Object>> labelled(
      List<Column<Object>> columns, ExportHandler<?, ?> handler, Locale locale) {
    Messages labels = handler.messages();
    if (labels == null || labels == Messages.core()) {
      return columns;
    }
    List<Column<Object>> out = new ArrayList<>(columns.size());
    for (Column<Object> c : columns) {
      out.add(c.header(Headers.label(labels, c.header(), locale)));
    }
    return out;
  }

  /** Returns the result if this attempt may still complete, else deletes its files. */
  @Nullable TaskResult publish(Attempt a, TaskResult result) throws IOException {
    if (a.isCancelled()) {
      deleteFiles(result);
      a.checkCancelled();
    }
    return result;
  }

  private void finish(Attempt a, TaskResult result) {
    Thread.interrupted(); // a late interrupt must not fail the store's I/O
    Endings.Outcome o = endings.settle(a) ? endings.complete(a, result) : Endings.Outcome.STALE;
    switch (o) {
      case WRITTEN -> {
        log.debug("task {} completed", a.taskId());
        deleteLeftovers(settings, a.task, result);
      }
      case STALE -> {
        try {
          deleteFiles(result);
        } catch (IOException | RuntimeException e) {
          log.warn("task {}: deleting the files of an attempt that did not end it failed",
              a.taskId(), e);
        }
      }
      case UNWRITTEN -> {} // the completion may have landed: keep the file; a later end tidies up
    }
  }

  /**
   * Deletes what attempts that never committed left of an ended task (drafts of killed workers,
   * files published by attempts that then lost the task), keeping its upload and its result.
   */
  static void deleteLeftovers(Settings settings, Task task, @Nullable TaskResult result) {
    if (task.attempts().current() <= 1 && task.status() == TaskStatus.RUNNING) {
      return; // a first attempt ending on its own worker: no other attempt ever wrote a file
    }
    List<FileRef> keep = new ArrayList<>(3);
    if (task.input() != null) {
      keep.add(task.input());
    }
    if (result != null && result.file() != null) {
      keep.add(result.file());
    }
    if (result != null && result.errorReport() != null) {
      keep.add(result.errorReport());
    }
    try {
      int deleted = settings.files().deleteAllExcept(task.id(), keep);
      if (deleted > 0) {
        log.info("task {}: deleted {} files left by attempts that did not commit", task.id(), deleted);
      }
    } catch (IOException | RuntimeException e) {
      log.warn("task {}: deleting files left by earlier attempts failed", task.id(), e);
    }
  }

  private void deleteFiles(TaskResult result) throws IOException {
    if (result.file() != null) {
      settings.files().delete(result.file());
    }
    if (result.errorReport() != null) {
      settings.files().delete(result.errorReport());
    }
  }

  /** Writes the end of an attempt whose handler threw; never throws itself. */
  private void failed(Attempt a, Throwable e) {
    try {
      if (a.isLost()) {
        log.warn("task {} stopped: its lease was lost", a.taskId());
        a.ended();
        return;
      }
      Thread.interrupted(); // the handler's interrupt must not fail the store's I/O
      if (!endings.settle(a)) {
        return; // timed out or handed back; that end is being written elsewhere
      }
      if (a.cancelRequested() && isCancellation(e)) {
        if (endings.cancelled(a) == Endings.Outcome.WRITTEN) {
          log.info("task {} cancelled", a.taskId());
          deleteLeftovers(settings, a.task, null);
        }
        return;
      }
      TaskError error = errorOf(e, Messages.locale(a.task.locale()));
      boolean retry = isRetryable(e) && a.task.attempts().hasMore();
      Duration delay = retry ? retryDelay(a.attempt()) : null;
      logFailure(a, e, error, delay);
      if (endings.fail(a, error, delay) == Endings.Outcome.WRITTEN && !retry) {
        deleteLeftovers(settings, a.task, null);
      }
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError vme) {
        throw vme;
      }
      t.addSuppressed(e);
      log.error("task {}: recording its failure failed", a.taskId(), t);
    }
  }

  /**
   * Logs a failed attempt. A user's bad input (an invalid file, a limit, rejected params) is an
   * outcome, not a fault: one line without a stack trace. Handler failures keep theirs.
   */
  private static void logFailure(Attempt a, Throwable e, TaskError error, @Nullable Duration delay) {
    if (isBadInput(e)) {
      log.info("task {} failed: {}: {}", a.taskId(), error.code(), e.getMessage());
    } else if (delay != null) {
      log.warn("task {} attempt {} failed; retrying in {}", a.taskId(), a.attempt(), delay, e);
    } else {
      log.warn("task {} failed: {}", a.taskId(), error.code(), e);
    }
  }

  static boolean isBadInput(Throwable e) {
    return e instanceof FormatException || e instanceof ValidationException;
  }

  private static boolean isCancellation(Throwable e) {
    return e instanceof CancellationException || e instanceof InterruptedException;
  }

  static boolean isRetryable(Throwable e) {
    return !(e instanceof NonRetryableException
        || e instanceof ValidationException
        || e instanceof FormatException
        || e instanceof CancellationException);
  }

  /** Returns the task error for what a handler threw, its text in the task's language. */
  static TaskError errorOf(Throwable e, Locale locale) {
    String text = e instanceof TaskportException t ? t.getMessage(locale) : e.getMessage();
    if (e instanceof NonRetryableException n) {
      return TaskError.of(n.code(), text);
    }
    if (e instanceof ValidationException) {
      return TaskError.of(TaskError.INVALID_INPUT, text);
    }
    if (e instanceof LimitExceededException) {
      return TaskError.of(TaskError.LIMIT_EXCEEDED, text);
    }
    if (e instanceof FormatException) {
      return TaskError.of(TaskError.INVALID_FILE, text);
    }
    if (e instanceof CancellationException) {
      return TaskError.of(TaskError.HANDLER_FAILED, Messages.format(locale, "task.stopped"));
    }
    return TaskError.of(
        TaskError.HANDLER_FAILED,
        text == null || text.isBlank() ? e.getClass().getSimpleName() : text);
  }

  Duration retryDelay(int attempt) {
    double base = settings.retryDelay().toMillis() * Math.pow(2, Math.max(0, attempt - 1));
    double capped = Math.min(base, settings.maxRetryDelay().toMillis());
    double jittered = capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis(Math.max(1, (long) jittered));
  }

  TabularFormat format(Task task) {
    TabularFormat f = settings.formats().get(task.format());
    if (f == null) {
      throw new NonRetryableException(
          TaskError.INVALID_INPUT,
          Messages.format(
              Messages.locale(task.locale()), "task.noFormat", task.format(), settings.workerId()));
    }
    return f;
  }
}
