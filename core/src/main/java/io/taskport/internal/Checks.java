package io.taskport.internal;

import io.taskport.ImportPreview;
import io.taskport.RowCounts;
import io.taskport.Submission;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskKind;
import io.taskport.TaskStateException;
import io.taskport.TaskStatus;
import io.taskport.ValidationException;
import io.taskport.file.FileRef;
import io.taskport.handler.ImportHandler;
import io.taskport.handler.ImportMode;
import io.taskport.store.NewTask;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Confirms checked imports: registers the load of a check's stored upload, once. */
final class Checks {
  private final Settings settings;
  private final ParamsBinder binder;

  Checks(Settings settings, ParamsBinder binder) {
    this.settings = settings;
    this.binder = binder;
  }

  /** Registers the load of a completed check, given the check as its owner sees it. */
  Submission confirm(Task check) {
    TaskId id = check.id();
    if (check.kind() != TaskKind.IMPORT || !check.check()) {
      throw refused(check, "task " + id + " is not a check; submit the import with check first");
    }
    if (check.status() != TaskStatus.COMPLETED) {
      throw refused(
          check,
          "check " + id + " is " + check.status() + "; "
              + (check.isTerminal()
                  ? "only a COMPLETED check can be loaded, submit the file again"
                  : "wait until it has COMPLETED, then confirm it"));
    }
    if (check.confirmedBy() != null) {
      throw confirmedAlready(check);
    }
    ImportHandler<?, ?> handler = settings.imports().get(check.type());
    if (handler == null) {
      throw new ValidationException(
          "type", "no import handler of type '" + check.type() + "' on this node");
    }
    RowCounts counts = check.result() == null ? null : check.result().counts();
    long rejected = counts == null ? 0 : counts.rejected();
    if (rejected > 0 && mode(handler, check) == ImportMode.ALL_OR_NOTHING) {
      throw refused(
          check,
          String.format(Locale.ROOT,
              "check %s rejected %,d row%s and import '%s' loads all rows or none; fix the rows"
                  + " in the error report and submit the file again",
              id, rejected, rejected == 1 ? "" : "s", check.type()));
    }
    FileRef input = check.input();
    if (input == null || !exists(input)) {
      throw refused(check, "the upload of check " + id + " is gone; submit the file again");
    }
    TaskId load = TaskId.random();
    if (!settings.store().confirm(id, load)) {
      Task now = settings.store().get(id).orElse(null);
      if (now != null && now.confirmedBy() != null) {
        throw confirmedAlready(now);
      }
      throw refused(check, "check " + id + " can no longer be confirmed; submit the file again");
    }
    return settings
        .store()
        .create(
            new NewTask(
                load,
                TaskKind.IMPORT,
                check.type(),
                check.owner(),
                check.format(),
                check.params(),
                null,
                input,
                settings.maxAttempts(),
                settings.retention(),
                check.locale(),
                false));
  }

  /** Reads the preview of a completed check. */
  ImportPreview preview(Task check) throws IOException {
    if (!check.check() || check.status() != TaskStatus.COMPLETED) {
      throw refused(
          check,
          check.check()
              ? "check " + check.id() + " is " + check.status() + "; its preview is ready once it"
                  + " has COMPLETED"
              : "task " + check.id() + " is not a check and has no preview");
    }
    FileRef ref = check.result() == null ? null : check.result().file();
    if (ref == null) {
      throw refused(check, "check " + check.id() + " has no preview");
    }
    try (InputStream in = settings.files().open(ref)) {
      return PreviewRows.read(in);
    }
  }

  private boolean exists(FileRef ref) {
    try (InputStream in = settings.files().open(ref)) {
      return true;
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("opening the upload of a check failed", e);
    }
  }

  @SuppressWarnings("unchecked")
  private <P> ImportMode mode(ImportHandler<P, ?> handler, Task check) {
    return handler.mode((P) binder.bind(check.params(), handler.paramsType()));
  }

  private static TaskStateException confirmedAlready(Task check) {
    return refused(
        check,
        "check " + check.id() + " was confirmed already; its load is task " + check.confirmedBy());
  }

  private static TaskStateException refused(Task check, String message) {
    return new TaskStateException(check.id(), check.status(), message);
  }
}
