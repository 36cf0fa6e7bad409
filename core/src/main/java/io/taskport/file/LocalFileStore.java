package io.taskport.file;

import static java.util.Objects.requireNonNull;

import io.taskport.TaskId;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A {@link FileStore} in a local directory. A file is written to a temp file and published by an
 * atomic move, so readers see the whole file or nothing. Keys are {@code <taskId>/<uuid>}:
 * generated, never taken from a user's file name. For several nodes, the directory must be
 * shared, or use a shared store such as the JDBC one.
 *
 * <p>Thread-safe.
 */
public final class LocalFileStore implements FileStore {
  private static final String TEMP = ".tmp";

  private final Path root;
  private final Path temp;

  /**
   * Creates a store in the given directory, creating it if needed.
   *
   * @throws UncheckedIOException if the directory cannot be created
   */
  public LocalFileStore(Path root) {
    this.root = requireNonNull(root, "root").toAbsolutePath().normalize();
    this.temp = this.root.resolve(TEMP);
    try {
      Files.createDirectories(temp);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create file store directory " + this.root, e);
    }
  }

  /** Returns the directory files are kept in. */
  public Path root() {
    return root;
  }

  @Override
  public FileDraft create(TaskId taskId, String fileName, String contentType) throws IOException {
    requireNonNull(taskId, "taskId");
    requireNonNull(fileName, "fileName");
    requireNonNull(contentType, "contentType");
    String id = UUID.randomUUID() + extensionOf(fileName);
    Path part = temp.resolve(taskId.value() + "." + id + ".part");
    OutputStream out = Files.newOutputStream(part);
    return new Draft(taskId.value() + "/" + id, part, out, fileName, contentType);
  }

  @Override
  public InputStream open(FileRef ref) throws IOException {
    Path p = resolve(ref.key());
    try {
      return Files.newInputStream(p);
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException("file " + ref.key() + " does not exist");
    }
  }

  @Override
  public boolean delete(FileRef ref) throws IOException {
    return Files.deleteIfExists(resolve(ref.key()));
  }

  @Override
  public int deleteAll(TaskId taskId) throws IOException {
    int deleted = 0;
    Path dir = resolve(taskId.value());
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          if (Files.deleteIfExists(p) && !p.equals(dir)) {
            deleted++;
          }
        }
      }
    }
    return deleted + deleteDrafts(taskId);
  }

  @Override
  public int deleteAllExcept(TaskId taskId, Collection<FileRef> keep) throws IOException {
    Set<Path> kept = new HashSet<>();
    for (FileRef ref : keep) {
      kept.add(resolve(ref.key()));
    }
    int deleted = 0;
    Path dir = resolve(taskId.value());
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.filter(Files::isRegularFile).toList()) {
          if (!kept.contains(p) && Files.deleteIfExists(p)) {
            deleted++;
          }
        }
      }
    }
    return deleted + deleteDrafts(taskId);
  }

  @Override
  public Set<TaskId> tasksWithDrafts(Duration age, int limit) throws IOException {
    FileTime before = FileTime.from(Instant.now().minus(age));
    Set<TaskId> ids = new LinkedHashSet<>();
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(temp, "*.part")) {
      for (Path p : parts) {
        String name = p.getFileName().toString();
        int dot = name.indexOf('.');
        try {
          if (dot > 0 && Files.getLastModifiedTime(p).compareTo(before) < 0) {
            ids.add(TaskId.of(name.substring(0, dot)));
          }
        } catch (NoSuchFileException | IllegalArgumentException e) {
          continue; // published or deleted meanwhile, or not a draft of this store
        }
        if (ids.size() >= limit) {
          break;
        }
      }
    }
    return ids;
  }

  private int deleteDrafts(TaskId taskId) throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(temp, taskId.value() + ".*")) {
      for (Path p : parts) {
        if (Files.deleteIfExists(p)) {
          deleted++;
        }
      }
    }
    return deleted;
  }

  /** Keeps a short alphanumeric extension so a published file opens in the right program. */
  private static String extensionOf(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    return ext.matches("[a-z0-9]{1,8}") ? "." + ext : "";
  }

  private Path resolve(String key) {
    Path p = root.resolve(key).normalize();
    if (!p.startsWith(root) || p.equals(root) || p.startsWith(temp)) {
      throw new IllegalArgumentException("file key " + key + " is outside the store");
    }
    return p;
  }

  @Override
  public String toString() {
    return "LocalFileStore[" + root + "]";
  }

  private final class Draft implements FileDraft {
    private final String key;
    private final Path part;
    private final OutputStream out;
    private final String fileName;
    private final String contentType;
    private boolean done;

    Draft(String key, Path part, OutputStream out, String fileName, String contentType) {
      this.key = key;
      this.part = part;
      this.out = out;
      this.fileName = fileName;
      this.contentType = contentType;
    }

    @Override
    public OutputStream stream() {
      return out;
    }

    @Override
    public FileRef commit() throws IOException {
      if (done) {
        throw new IllegalStateException("file draft " + key + " was already committed or closed");
      }
      done = true;
      try {
        out.close();
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        long size = Files.size(part);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        return new FileRef(key, fileName, size, contentType);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(part);
        throw e;
      }
    }

    @Override
    public void close() {
      if (done) {
        return;
      }
      done = true;
      try {
        out.close();
      } catch (IOException e) {
        // discarded anyway
      }
      try {
        Files.deleteIfExists(part);
      } catch (IOException e) {
        // a leftover part file is removed with its task
      }
    }
  }
}
