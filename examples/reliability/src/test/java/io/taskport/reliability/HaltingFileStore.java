package io.taskport.reliability;

import io.taskport.TaskId;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.file.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A fault hook: for a task with a marker file {@code markers/<taskId>}, halts the JVM right after
 * the result file is durable and before the task's terminal transition. The marker is removed
 * first, so only one attempt per marker halts.
 */
final class HaltingFileStore implements FileStore {
  private final FileStore delegate;
  private final Path markers;

  HaltingFileStore(FileStore delegate, Path markers) {
    this.delegate = delegate;
    this.markers = markers;
  }

  @Override
  public FileDraft create(TaskId taskId, String fileName, String contentType) throws IOException {
    FileDraft draft = delegate.create(taskId, fileName, contentType);
    return new FileDraft() {
      @Override
      public OutputStream stream() {
        return draft.stream();
      }

      @Override
      public FileRef commit() throws IOException {
        FileRef ref = draft.commit();
        try {
          Files.delete(markers.resolve(taskId.value()));
        } catch (NoSuchFileException e) {
          return ref;
        }
        Runtime.getRuntime().halt(137);
        return ref;
      }

      @Override
      public void close() {
        draft.close();
      }
    };
  }

  @Override
  public InputStream open(FileRef ref) throws IOException {
    return delegate.open(ref);
  }

  @Override
  public boolean delete(FileRef ref) throws IOException {
    return delegate.delete(ref);
  }

  @Override
  public int deleteAll(TaskId taskId) throws IOException {
    return delegate.deleteAll(taskId);
  }

  @Override
  public int deleteAllExcept(TaskId taskId, java.util.Collection<FileRef> keep)
      throws IOException {
    return delegate.deleteAllExcept(taskId, keep);
  }

  @Override
  public java.util.Set<TaskId> tasksWithDrafts(java.time.Duration age, int limit)
      throws IOException {
    return delegate.tasksWithDrafts(age, limit);
  }
}
