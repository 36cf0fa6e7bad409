package io.taskport.spring.boot;

import io.taskport.store.InMemoryTaskStore;
import io.taskport.store.TaskStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The directory of the local file store. A temporary one exists only with the in-memory store,
 * whose tasks end with the JVM, and only then is it deleted when the context closes: a directory
 * of a shared store holds files of tasks other nodes and later runs still serve.
 */
final class FilesDirectory implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(FilesDirectory.class);

  private final Path path;
  private final boolean temporary;

  FilesDirectory(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
  }

  /** Returns the configured directory, or a temporary one if the store allows it. */
  static FilesDirectory choose(@Nullable Path dir, TaskStore store) {
    boolean shared = !(store instanceof InMemoryTaskStore);
    if (shared && dir == null) {
      throw new IllegalStateException(
          "Taskport's task store ("
              + store.getClass().getSimpleName()
              + ") is shared by every node, but its files would go to "
              + "a temporary directory of this node, where other nodes and the next start cannot read them: set"
              + " taskport.files.dir to a directory all nodes share, or store files in the"
              + " database with JdbcFileStore (the default with taskport.store=jdbc when"
              + " taskport.files.dir is not set)");
    }
    if (dir != null) {
      return new FilesDirectory(dir, false);
    }
    try {
      return new FilesDirectory(Files.createTempDirectory("taskport-files-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory for Taskport files", e);
    }
  }

  Path path() {
    return path;
  }

  @Override
  public void destroy() {
    if (!temporary) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      all.sorted(Comparator.reverseOrder()).forEach(FilesDirectory::deleteQuietly);
    } catch (IOException e) {
      log.debug("could not delete the temporary Taskport directory", e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.debug("could not delete a temporary Taskport file", e);
    }
  }
}
