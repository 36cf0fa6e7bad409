package io.taskport.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.TaskId;
import io.taskport.testkit.FileStoreContract;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-store contract, and what only a local directory does. */
class LocalFileStoreTest extends FileStoreContract {
  @TempDir Path dir;

  @Override
  protected FileStore createFileStore() {
    return new LocalFileStore(dir);
  }

  private long filesIn(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void commit_publishesAtomicallyUnderAGeneratedKey() throws Exception {
    LocalFileStore files = new LocalFileStore(dir);
    TaskId id = TaskId.random();
    FileRef ref;
    try (FileDraft d = files.create(id, "../../etc/passwd.csv", "text/csv")) {
      d.stream().write("a,b\n".getBytes(StandardCharsets.UTF_8));
      assertThat(dir.resolve(id.value())).doesNotExist();
      ref = d.commit();
    }
    assertThat(ref.key()).startsWith(id.value() + "/").endsWith(".csv").doesNotContain("passwd");
    assertThat(ref.size()).isEqualTo(4);
    try (InputStream in = files.open(ref)) {
      assertThat(in.readAllBytes()).isEqualTo("a,b\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(filesIn(dir)).isEqualTo(1);
  }

  @Test
  void close_withoutCommitLeavesNothing() throws Exception {
    LocalFileStore files = new LocalFileStore(dir);
    try (FileDraft d = files.create(TaskId.random(), "x.csv", "text/csv")) {
      d.stream().write(new byte[1000]);
    }
    assertThat(filesIn(dir)).isZero();
  }

  @Test
  void deleteAllExcept_keepsTheGivenFilesAndRemovesTheRestOfTheTask() throws Exception {
    LocalFileStore files = new LocalFileStore(dir);
    TaskId id = TaskId.random();
    TaskId other = TaskId.random();
    FileRef upload = files.create(id, "in.csv", "text/csv").commit();
    FileRef orphan = files.create(id, "out.csv", "text/csv").commit(); // an attempt that lost
    FileDraft crashed = files.create(id, "out.csv", "text/csv"); // a killed worker's draft
    crashed.stream().write(1);
    crashed.stream().flush();
    FileRef result = files.create(id, "out.csv", "text/csv").commit();
    FileRef others = files.create(other, "out.csv", "text/csv").commit();
    FileDraft othersDraft = files.create(other, "out.csv", "text/csv");
    othersDraft.stream().write(1);
    othersDraft.stream().flush();

    assertThat(files.deleteAllExcept(id, java.util.List.of(upload, result))).isEqualTo(2);

    for (FileRef kept : java.util.List.of(upload, result, others)) {
      try (InputStream in = files.open(kept)) {
        assertThat(in.readAllBytes()).isEmpty();
      }
    }
    assertThatThrownBy(() -> files.open(orphan)).isInstanceOf(FileNotFoundException.class);
    assertThat(filesIn(dir)).isEqualTo(4); // upload, result, the other task's file and draft
    othersDraft.close();
    crashed.close();
  }

  @Test
  void tasksWithDrafts_listsTasksWhoseDraftsAreOlderThanTheAge() throws Exception {
    LocalFileStore files = new LocalFileStore(dir);
    TaskId old = TaskId.random();
    TaskId fresh = TaskId.random();
    TaskId committed = TaskId.random();
    FileDraft oldDraft = files.create(old, "out.csv", "text/csv");
    FileDraft freshDraft = files.create(fresh, "out.csv", "text/csv");
    files.create(committed, "out.csv", "text/csv").commit();
    try (var parts = Files.list(dir.resolve(".tmp"))) {
      for (Path p : parts.filter(p -> p.getFileName().toString().startsWith(old.value())).toList()) {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
      }
    }
    assertThat(files.tasksWithDrafts(Duration.ofMinutes(1), 10)).containsExactly(old);
    assertThat(files.tasksWithDrafts(Duration.ZERO.minusSeconds(1), 10))
        .containsExactlyInAnyOrder(old, fresh);
    assertThat(files.tasksWithDrafts(Duration.ZERO.minusSeconds(1), 1)).hasSize(1);
    oldDraft.close();
    freshDraft.close();
    assertThat(files.tasksWithDrafts(Duration.ZERO.minusSeconds(1), 10)).isEmpty();
  }

  @Test
  void deleteAll_removesPublishedAndLeftoverFilesOfATask() throws Exception {
    LocalFileStore files = new LocalFileStore(dir);
    TaskId id = TaskId.random();
    FileDraft published = files.create(id, "a.csv", "text/csv");
    FileRef ref = published.commit();
    FileDraft crashed = files.create(id, "b.csv", "text/csv"); // never committed nor closed
    crashed.stream().write(1);
    crashed.stream().flush();
    FileRef other = files.create(TaskId.random(), "c.csv", "text/csv").commit();
    assertThat(files.deleteAll(id)).isEqualTo(2);
    assertThatThrownBy(() -> files.open(ref)).isInstanceOf(FileNotFoundException.class);
    try (InputStream in = files.open(other)) {
      assertThat(in.readAllBytes()).isEmpty();
    }
  }

  @Test
  void open_refusesKeysOutsideTheRoot() {
    LocalFileStore files = new LocalFileStore(dir);
    assertThatThrownBy(() -> new FileRef("../x", "x", 0, "text/csv"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> files.open(new FileRef(".tmp/x", "x", 0, "text/csv")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
