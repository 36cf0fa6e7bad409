package io.taskport.benchmarks;

import io.taskport.TaskId;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.file.FileStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A file store in the heap, so that engine benchmarks measure the engine and not the disk. */
final class MemoryFileStore implements FileStore {
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();

  @Override
  public FileDraft create(TaskId taskId, String fileName, String contentType) {
    String key = taskId.value() + "/" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    return new FileDraft() {
      @Override
      public OutputStream stream() {
        return out;
      }

      @Override
      public FileRef commit() {
        byte[] bytes = out.toByteArray();
        files.put(key, bytes);
        return new FileRef(key, fileName, bytes.length, contentType);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public InputStream open(FileRef ref) throws FileNotFoundException {
    byte[] bytes = files.get(ref.key());
    if (bytes == null) {
      throw new FileNotFoundException(ref.key());
    }
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public boolean delete(FileRef ref) {
    return files.remove(ref.key()) != null;
  }

  @Override
  public int deleteAll(TaskId taskId) {
    int before = files.size();
    files.keySet().removeIf(k -> k.startsWith(taskId.value() + "/"));
    return before - files.size();
  }
}
