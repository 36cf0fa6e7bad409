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
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A file store in the heap, so that engine benchmarks measure the engine and not the disk. */
final class MemoryFileStore implements FileStore {
  // files by task id, then by key
  private final Map<String, Map<String, byte[]>> files = new ConcurrentHashMap<>();

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
        files.computeIfAbsent(taskId.value(), k -> new ConcurrentHashMap<>()).put(key, bytes);
        return new FileRef(key, fileName, bytes.length, contentType);
      }

      @Override
      public void close() {}
    };
  }

  private Map<String, byte[]> filesOf(String key) {
    return files.getOrDefault(key.substring(0, key.indexOf('/')), Map.of());
  }

  @Override
  public InputStream open(FileRef ref) throws FileNotFoundException {
    byte[] bytes = filesOf(ref.key()).get(ref.key());
    if (bytes == null) {
      throw new FileNotFoundException(ref.key());
    }
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public boolean delete(FileRef ref) {
    return filesOf(ref.key()).remove(ref.key()) != null;
  }

  @Override
  public int deleteAll(TaskId taskId) {
    Map<String, byte[]> removed = files.remove(taskId.value());
    return removed == null ? 0 : removed.size();
  }

  @Override
  public int deleteAllExcept(TaskId taskId, Collection<FileRef> keep) {
    Map<String, byte[]> of = files.getOrDefault(taskId.value(), Map.of());
    int before = of.size();
    of.keySet().removeIf(k -> keep.stream().noneMatch(ref -> ref.key().equals(k)));
    return before - of.size();
  }

  /** A draft lives in its stream until committed, so this store never holds one. */
  @Override
  public java.util.Set<TaskId> tasksWithDrafts(java.time.Duration age, int limit) {
    return java.util.Set.of();
  }
}
