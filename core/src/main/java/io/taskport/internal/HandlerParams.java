package io.taskport.internal;

import io.taskport.MessageKey;
import io.taskport.Task;
import io.taskport.TaskKind;
import io.taskport.ValidationException;

/** The params of a claimed task, bound for its handler. */
final class HandlerParams {
  private HandlerParams() {}

  /**
   * Binds a claimed task's params to its handler's declared class.
   *
   * @throws ValidationException if no handler of the task's type runs here, or the params do not
   *     fit its class
   */
  static Object bind(Settings settings, ParamsBinder binder, Task task) {
    var export = settings.exports().get(task.type());
    var importer = settings.imports().get(task.type());
    Class<?> type =
        task.kind() == TaskKind.EXPORT
            ? (export == null ? null : export.paramsType())
            : (importer == null ? null : importer.paramsType());
    if (type == null) {
      throw new ValidationException(
          "type",
          MessageKey.of(
              task.kind() == TaskKind.EXPORT ? "task.noExportHandler" : "task.noImportHandler",
              task.type(),
              settings.workerId()));
    }
    return binder.bind(task.params(), type);
  }}
