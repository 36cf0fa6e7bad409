package io.taskport.internal;

import io.taskport.Task;
import io.taskport.TaskKind;
import io.taskport.file.FileRef;
import java.io.IOException;
import java.util.List;

/**
 * Deletes the files of a deleted or purged task. A confirmed check shares its upload with the
 * import that loads it: the upload stays while that load exists, and goes with the load.
 */
final class TaskFiles {
  private TaskFiles() {}

  static void deleteAll(Settings settings, Task t) throws IOException {
    FileRef input = t.input();
    if (t.check()
        && t.confirmedBy() != null
        && input != null
        && settings.store().get(t.confirmedBy()).isPresent()) {
      settings.files().deleteAllExcept(t.id(), List.of(input)); // the load deletes it
      return;
    }
    settings.files().deleteAll(t.id());
    if (t.kind() == TaskKind.IMPORT && input != null) {
      settings.files().delete(input); // a load's upload is kept under the id of its check
    }
  }
}
