package io.taskport.spring.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/** The directory of the local file store; a temporary one is deleted when the context closes. */
final class FilesDirectory implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(FilesDirectory.class);

  private final Path path;
  private final boolean temporary;

  FilesDirectory(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
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
