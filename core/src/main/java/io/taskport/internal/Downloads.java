package io.taskport.internal;

import static java.util.Objects.requireNonNull;

import io.taskport.MessageKey;
import io.taskport.Messages;
import io.taskport.Task;
import io.taskport.TaskResult;
import io.taskport.TaskStateException;
import io.taskport.TaskStatus;
import io.taskport.ValidationException;
import io.taskport.file.FileRef;
import io.taskport.handler.ImportHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/** What a user downloads: a finished task's result file or error report, and import templates. */
final class Downloads {
  private final Settings settings;
  private final Submissions submissions;

  Downloads(Settings settings, Submissions submissions) {
    this.settings = settings;
    this.submissions = submissions;
  }

  /** Opens the result file, or with {@code errors} the error report, of a COMPLETED task. */
  InputStream open(Task task, boolean errors) throws IOException {
    return settings.files().open(resultFile(task, errors));
  }

  private static FileRef resultFile(Task task, boolean errors) {
    if (task.status() != TaskStatus.COMPLETED) {
      throw new TaskStateException(
          task.id(), task.status(), MessageKey.of("task.notCompleted", task.id(), task.status()));
    }
    TaskResult r = requireNonNull(task.result(), "result");
    FileRef ref = errors ? r.errorReport() : r.file();
    if (ref == null) {
      throw new TaskStateException(
          task.id(),
          task.status(),
          MessageKey.of(errors ? "task.noErrorReport" : "task.noResultFile", task.id()));
    }
    return ref;
  }

  /** Writes an empty file of the import's columns, headed in the locale's labels. */
  void writeTemplate(String importType, String format, Locale locale, OutputStream out)
      throws IOException {
    ImportHandler<?, ?> handler = settings.imports().get(requireNonNull(importType, "importType"));
    if (handler == null) {
      throw new ValidationException(
          "type",
          MessageKey.of("submit.unknownImportType", importType, settings.imports().keySet()));
    }
    Messages labels = handler.messages() == null ? Messages.core() : handler.messages();
    Templates.write(handler.mapping(), submissions.format(format), settings.formatOptions(),
        requireNonNull(locale, "locale"), out, f -> Headers.label(labels, f, locale));
  }
}
