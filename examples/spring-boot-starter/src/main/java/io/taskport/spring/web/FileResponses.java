package io.taskport.spring.web;

import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskResult;
import io.taskport.TaskStatus;
import io.taskport.TaskStateException;
import io.taskport.file.FileRef;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;

/** Streams a task's result or error report; the manager checks owner and status. */
final class FileResponses {
  private FileResponses() {}

  static ResponseEntity<InputStreamResource> result(
      TaskManager tasks, TaskId id, String owner, boolean errors) throws IOException {
    FileRef ref = ref(tasks.get(id, owner), errors);
    InputStream in = errors ? tasks.openErrorReport(id, owner) : tasks.openResult(id, owner);
    return Downloads.file(ref, in);
  }

  /** Returns the file of a completed task, or throws what the manager would. */
  static FileRef ref(Task task, boolean errors) {
    TaskResult r = task.result();
    FileRef ref = r == null ? null : errors ? r.errorReport() : r.file();
    if (task.status() != TaskStatus.COMPLETED || ref == null) {
      throw new TaskStateException(
          task.id(),
          task.status(),
          Languages.WEB.key(errors ? "task.noErrorReport" : "task.noResultFile"));
    }
    return ref;
  }
}
