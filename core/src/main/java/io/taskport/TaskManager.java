package io.taskport;

import io.taskport.store.CancelOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Registers export and import tasks, runs them in the background, and answers their owners.
 *
 * <pre>{@code
 * TaskManager tasks = TaskManager.builder()
 *     .store(new InMemoryTaskStore())
 *     .files(new LocalFileStore(dir))
 *     .export(new AccountExport())
 *     .build();
 * tasks.start();
 * Submission s = tasks.submit(ExportRequest.of("accounts", user).format("xlsx"));
 * Task t = tasks.get(s.id(), user);
 * }</pre>
 *
 * <p>Thread-safe. Every call that takes an owner checks it: another owner's task is reported as
 * not found, so whether an id exists never leaks. An interface so that controller tests can fake
 * it.
 */
public interface TaskManager extends AutoCloseable {
  /** Returns a builder of a manager. */
  static TaskManagerBuilder builder() {
    return new TaskManagerBuilder();
  }

  /**
   * Starts claiming and running tasks (unless built with {@code workers(0)}) and the housekeeping
   * that renews leases, recovers tasks of dead nodes and purges expired ones. Idempotent.
   *
   * @throws IllegalStateException if the manager was closed
   */
  void start();

  /**
   * Registers an export and returns at once; a worker builds the file in the background.
   *
   * @return the new task, or the owner's active twin with the same type, format and params
   * @throws ValidationException if the type or format is unknown or the params are bad
   * @throws IllegalStateException if the manager was closed
   */
  Submission submit(ExportRequest request);

  /**
   * Registers many exports at once, as {@link #submit(ExportRequest)} would one after another,
   * with one store round trip where the store allows: each request is checked first, and
   * de-duplicated against active tasks and against the earlier requests of the list; the per-owner
   * caps count the whole list. Nothing is registered when a request is invalid.
   *
   * <pre>{@code
   * List<Submission> s = tasks.submitAll(List.of(
   *     ExportRequest.of("accounts", user).format("csv"),
   *     ExportRequest.of("invoices", user).format("xlsx")));
   * }</pre>
   *
   * <p>The default, meant for fakes, submits one request after another, so it keeps the requests
   * before a bad one.
   *
   * @return one submission per request, in list order
   * @throws ValidationException if a request is bad; its fields are prefixed with the request's
   *     place in the list, such as {@code requests[2].format}
   * @throws TooManyTasksException if a per-owner cap is reached
   * @throws IllegalStateException if the manager was closed
   * @since 0.4
   */
  default List<Submission> submitAll(List<ExportRequest> requests) {
    List<Submission> out = new ArrayList<>(requests.size());
    for (ExportRequest r : requests) {
      out.add(submit(r));
    }
    return out;
  }

  /**
   * Returns the columns an export of this type writes for these params, in the handler's order:
   * the set a request may choose from with {@link ExportRequest#columns}. Columns computed from
   * params (one per month of a range, say) are listed for the given params.
   *
   * @param params as for {@link ExportRequest#params}; {@code null} for none
   * @throws ValidationException if the type is unknown or the params are bad
   */
  default List<ExportColumn> columns(String exportType, @Nullable Object params) {
    return columns(exportType, params, Locale.ENGLISH);
  }

  /**
   * Returns the columns as {@link #columns(String, Object)} does, each headed in the user's
   * language: its label {@code column.<header>} in the handler's {@link
   * io.taskport.handler.ExportHandler#messages() bundle}, else its header.
   *
   * @param locale the user's language; {@code null} for English
   * @throws ValidationException if the type is unknown or the params are bad; its message in
   *     {@code locale} by {@link TaskportException#getMessage(Locale)}
   */
  List<ExportColumn> columns(String exportType, @Nullable Object params, @Nullable Locale locale);

  /**
   * Stores an upload and registers its import; returns once the file is stored. The upload is
   * streamed, never held in memory, and refused past the size limit.
   *
   * @param upload the file's content; read to its end but not closed
   * @throws ValidationException if the type, file type or params are bad
   * @throws LimitExceededException if the upload is larger than allowed; nothing is kept
   * @throws java.io.UncheckedIOException if the upload could not be read or stored
   */
  Submission submit(ImportRequest request, InputStream upload);

  /**
   * Loads the upload of a completed check (an import submitted with {@link
   * ImportRequest#check(boolean)}): registers an import of the same stored file, with no second
   * upload. A check is confirmed at most once; its upload then lives until the load is purged.
   *
   * <pre>{@code
   * Submission check = tasks.submit(ImportRequest.of("accounts", user, "a.xlsx").check(true), in);
   * // ... once it has COMPLETED and the user has looked at tasks.preview(check.id(), user):
   * Submission load = tasks.confirm(check.id(), user);
   * }</pre>
   *
   * @return the new load
   * @throws TaskNotFoundException if there is none with this id for this owner
   * @throws TaskStateException if the task is not a check, has not COMPLETED, was confirmed
   *     already, its upload is gone, or it rejected rows and its import loads all or nothing
   * @throws TooManyTasksException if a per-owner cap is reached; marking the check and creating
   *     the load are one store step, so the check stays unconfirmed and can be confirmed later
   * @throws IllegalStateException if the manager was closed
   */
  Submission confirm(TaskId id, String owner);

  /**
   * Loads the upload of a completed check that the request names, as {@link #confirm} does and
   * with the same refusals, in the request's language (the check's when it has none), priority
   * and fairness key. The request's owner must own the check; its file name is not used.
   *
   * <pre>{@code
   * Submission load = tasks.submit(ImportRequest.of("accounts", user, "a.xlsx"), check.id());
   * }</pre>
   *
   * @return the new load
   * @throws TaskNotFoundException if the request's owner has no task with this id
   * @throws ValidationException if the request's type is not the check's, its params differ
   *     from the check's, or it is a check or has a dedup key
   * @throws TaskStateException as {@link #confirm} does
   * @throws TooManyTasksException if a per-owner cap is reached; the check stays confirmable
   * @throws IllegalStateException if the manager was closed
   */
  Submission submit(ImportRequest request, TaskId check);

  /**
   * Returns the first rows of a completed check as they would be loaded.
   *
   * @throws TaskNotFoundException if there is none with this id for this owner
   * @throws TaskStateException if the task is not a check or has not COMPLETED
   * @throws IOException if the file store fails or the preview is gone
   */
  ImportPreview preview(TaskId id, String owner) throws IOException;

  /**
   * Returns a task of the owner.
   *
   * @throws TaskNotFoundException if there is none with this id for this owner
   */
  Task get(TaskId id, String owner);

  /** Returns one page of the query's owner's tasks, newest first. */
  Page<Task> list(TaskQuery query);

  /**
   * Cancels a task: a pending one at once, a running one at its next checkpoint.
   *
   * @throws TaskNotFoundException if there is none with this id for this owner
   */
  CancelOutcome cancel(TaskId id, String owner);

  /**
   * Deletes a finished task and its files.
   *
   * @throws TaskNotFoundException if there is none with this id for this owner
   * @throws TaskStateException if the task is still pending or running; cancel it first
   */
  void delete(TaskId id, String owner);

  /**
   * Listens to one task's events. The listener first receives the task's current state, then
   * every change until the subscription is closed.
   *
   * @throws TaskNotFoundException if there is none with this id for this owner
   */
  Subscription subscribe(TaskId id, String owner, TaskListener listener);

  /** Listens to the events of every task; for metrics and push gateways that route by owner. */
  Subscription subscribeAll(TaskListener listener);

  /**
   * Opens the file of a completed export.
   *
   * @throws TaskNotFoundException if there is none with this id for this owner
   * @throws TaskStateException if the task has not completed or has no result file
   * @throws IOException if the file store fails or the file is gone
   */
  InputStream openResult(TaskId id, String owner) throws IOException;

  /**
   * Opens the error report of a completed import: the rejected rows with their reasons.
   *
   * @throws TaskNotFoundException if there is none with this id for this owner
   * @throws TaskStateException if the task has not completed or rejected no rows
   * @throws IOException if the file store fails or the file is gone
   */
  InputStream openErrorReport(TaskId id, String owner) throws IOException;

  /**
   * Writes an empty import file for a type: the expected headers and one example row.
   *
   * @throws ValidationException if the import type or format is unknown
   * @throws IOException if the output fails
   */
  default void writeTemplate(String importType, String format, OutputStream out)
      throws IOException {
    writeTemplate(importType, format, Locale.ENGLISH, out);
  }

  /**
   * Writes an empty import file for a type in a language: the headers are the handler's labels
   * ({@code column.<field>} in its {@link io.taskport.handler.ImportHandler#messages() bundle})
   * in that locale, or the fields' names; for XLSX the notes, lists and column descriptions of
   * {@link io.taskport.format.TabularFormat#writeTemplate} are in that language too.
   *
   * @param locale the user's language
   * @throws ValidationException if the import type or format is unknown
   * @throws IOException if the output fails
   */
  void writeTemplate(String importType, String format, Locale locale, OutputStream out)
      throws IOException;

  /**
   * Returns the operator's view of every owner's tasks: listing across owners, retry of a failed
   * task, purge now, counts. It checks no owner; keep it away from ordinary users.
   */
  TaskAdmin admin();

  /**
   * Stops claiming, lets running tasks finish within the drain timeout, hands back what is still
   * running, and stops. Idempotent; shuts down only the threads and executor it created.
   */
  @Override
  void close();
}
