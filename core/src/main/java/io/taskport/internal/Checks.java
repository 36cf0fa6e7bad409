package io.taskport.internal;

import io.taskport.ImportPreview;
import io.taskport.ImportRequest;
import io.taskport.MessageKey;
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
import org.jspecify.annotations.Nullable;

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
    return load(check, null);
  }

  /**
   * Registers the load of a completed check that a request names: as {@link #confirm}, with the
   * request's language, priority and fairness key. The request must be of the check's type, take
   * the check's params (or none) and be neither a check nor de-duplicated.
   */
  Submission load(Task check, @Nullable ImportRequest request) {
    TaskId id = check.id();
    if (check.kind() != TaskKind.IMPORT || !check.check()) {
      throw refused(check, MessageKey.of("check.notACheck", id));
    }
    if (check.status() != TaskStatus.COMPLETED) {
      throw refused(
          check,
          MessageKey.of(check.isTerminal() ? "check.ended" : "check.notDone", id, check.status()));
    }
    if (check.confirmedBy() != null) {
      throw confirmedAlready(check);
    }
    ImportHandler<?, ?> handler = settings.imports().get(check.type());
    if (handler == null) {
      throw new ValidationException(
          "type", MessageKey.of("check.noHandler", id, check.type(), settings.workerId()));
    }
    if (request != null) {
      checkRequest(check, handler, request);
    }
    RowCounts counts = check.result() == null ? null : check.result().counts();
    long rejected = counts == null ? 0 : counts.rejected();
    if (rejected > 0 && mode(handler, check) == ImportMode.ALL_OR_NOTHING) {
      throw refused(
          check,
          MessageKey.of(
              "check.allOrNothing", id, String.format(Locale.ROOT, "%,d", rejected), check.type()));
    }
    FileRef input = check.input();
    if (input == null || !exists(input)) {
      throw refused(check, MessageKey.of("check.uploadGone", id));
    }
    NewTask load =
        new NewTask(
            TaskId.random(),
            TaskKind.IMPORT,
            check.type(),
            check.owner(),
            check.format(),
            check.params(),
            null,
            input,
            settings.maxAttempts(),
            settings.retention(),
            request == null || request.locale() == null ? check.locale() : request.locale(),
            false,
            request == null
                ? settings
                    .scheduling()
                    .submit(check.scheduling().priority(), check.scheduling().fairnessKey())
                : settings.scheduling().submit(request.priority(), request.fairnessKey()));
    // the mark and the create are one store step: a refused create leaves the check confirmable
    Task created = settings.store().confirm(id, load).orElse(null);
    if (created == null) {
      Task now = settings.store().get(id).orElse(null);
      if (now != null && now.confirmedBy() != null) {
        throw confirmedAlready(now);
      }
      throw refused(check, MessageKey.of("check.notConfirmable", id));
    }
    return Submission.created(created);
  }

  private void checkRequest(Task check, ImportHandler<?, ?> handler, ImportRequest request) {
    if (!request.type().equals(check.type())) {
      throw new ValidationException(
          "type", MessageKey.of("check.otherType", check.id(), check.type(), request.type()));
    }
    if (request.check()) {
      throw new ValidationException("check", MessageKey.of("check.loadIsCheck", check.id()));
    }
    if (request.dedupKey() != null) {
      throw new ValidationException("dedupKey", MessageKey.of("check.loadDedup", check.id()));
    }
    if (request.params() != null) {
      Class<?> type = handler.paramsType();
      String asked = binder.toJson(binder.bind(request.params(), type));
      String checked = binder.toJson(binder.bind(check.params(), type));
      if (!asked.equals(checked)) {
        throw new ValidationException("params", MessageKey.of("check.otherParams", check.id()));
      }
    }
  }

  /** Reads the preview of a completed check. */
  ImportPreview preview(Task check) throws IOException {
    FileRef ref = check.result() == null ? null : check.result().file();
    if (!check.check() || check.status() != TaskStatus.COMPLETED || ref == null) {
      throw refused(check, MessageKey.of("check.noPreview", check.id()));
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
      throw new UncheckedIOException("opening the upload of check failed: " + ref, e);
    }
  }

  private <P> ImportMode mode(ImportHandler<P, ?> handler, Task check) {
    return handler.mode(binder.bind(check.params(), handler.paramsType()));
  }

  private static TaskStateException confirmedAlready(Task check) {
    return refused(
        check, MessageKey.of("check.confirmedAlready", check.id(), check.confirmedBy()));
  }

  private static TaskStateException refused(Task check, MessageKey message) {
    return new TaskStateException(check.id(), check.status(), message);
  }
}
