package io.taskport.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.TaskId;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.file.FileStore;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link FileStore} keeps: streamed both ways, published atomically on commit,
 * discarded on close, grouped by task, and tidied after an ended task ({@code deleteAllExcept},
 * {@code tasksWithDrafts}). A store's test extends it and supplies a fresh store; {@link #chunk()}
 * is a size the store handles in pieces, so that files span several.
 */
public abstract class FileStoreContract {
  /** The store under test, fresh for each test. */
  protected FileStore files;

  /** Returns a new, empty store. */
  protected abstract FileStore createFileStore() throws Exception;

  /** Removes what the store wrote; called after each test. */
  protected void dropFileStore(FileStore files) throws Exception {}

  /** A size that makes the store split a file; tests write a few of these. */
  protected int chunk() {
    return 4096;
  }

  @BeforeEach
  final void openFiles() throws Exception {
    files = createFileStore();
  }

  @AfterEach
  final void closeFiles() throws Exception {
    if (files == null) {
      return; // createFileStore was aborted or failed
    }
    try {
      dropFileStore(files);
    } finally {
      files.close();
    }
  }

  @Test
  void commit_publishesTheContentUnderAKeyOfTheTask() throws Exception {
    TaskId task = TaskId.random();
    byte[] content = bytes(chunk() * 3 + 17, 1);
    FileRef ref = write(task, content);
    assertThat(ref.key()).startsWith(task.value() + "/");
    assertThat(ref.size()).isEqualTo(content.length);
    assertThat(ref.fileName()).isEqualTo("accounts.csv");
    assertThat(ref.contentType()).isEqualTo("text/csv");
    assertThat(read(ref)).isEqualTo(content);
  }

  @Test
  void commit_publishesEmptyAndExactlyOneChunkFiles() throws Exception {
    for (int n : new int[] {0, 1, chunk() - 1, chunk(), chunk() + 1}) {
      byte[] content = bytes(n, n);
      FileRef ref = write(TaskId.random(), content);
      assertThat(ref.size()).isEqualTo(n);
      assertThat(read(ref)).as("size %d", n).isEqualTo(content);
    }
  }

  @Test
  void stream_acceptsSingleBytesAndSlices() throws Exception {
    byte[] content = bytes(chunk() * 2 + 5, 7);
    FileRef ref;
    try (FileDraft d = files.create(TaskId.random(), "a.bin", "application/octet-stream")) {
      OutputStream out = d.stream();
      int i = 0;
      while (i < content.length) {
        if (i % 3 == 0) {
          out.write(content[i++]);
        } else {
          int n = Math.min(content.length - i, 1 + (i % 1000));
          out.write(content, i, n);
          i += n;
        }
      }
      ref = d.commit();
    }
    byte[] back = new byte[content.length];
    try (InputStream in = files.open(ref)) {
      for (int i = 0; i < back.length; i++) {
        back[i] = (byte) in.read();
      }
      assertThat(in.read()).isEqualTo(-1);
    }
    assertThat(back).isEqualTo(content);
  }

  @Test
  void close_withoutCommitDiscardsTheContent() throws Exception {
    TaskId task = TaskId.random();
    try (FileDraft d = files.create(task, "a.csv", "text/csv")) {
      d.stream().write(bytes(chunk() * 2 + 1, 2));
    }
    assertThat(files.deleteAll(task)).isZero();
  }

  @Test
  void commit_isAnErrorTwiceOrAfterClose() throws Exception {
    FileDraft committed = files.create(TaskId.random(), "a.csv", "text/csv");
    committed.commit();
    assertThatThrownBy(committed::commit).isInstanceOf(IllegalStateException.class);
    committed.close();
    FileDraft closed = files.create(TaskId.random(), "a.csv", "text/csv");
    closed.close();
    assertThatThrownBy(closed::commit).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> closed.stream().write(1)).isInstanceOf(IOException.class);
  }

  @Test
  void close_afterCommitKeepsTheFile() throws Exception {
    byte[] content = bytes(100, 3);
    FileRef ref;
    FileDraft d = files.create(TaskId.random(), "a.csv", "text/csv");
    d.stream().write(content);
    ref = d.commit();
    d.close();
    assertThat(read(ref)).isEqualTo(content);
  }

  @Test
  void drafts_getDistinctKeys() throws Exception {
    TaskId task = TaskId.random();
    assertThat(write(task, bytes(1, 1)).key()).isNotEqualTo(write(task, bytes(1, 1)).key());
  }

  @Test
  void open_failsForAnUnknownOrDeletedFile() throws Exception {
    FileRef ref = write(TaskId.random(), bytes(10, 4));
    FileRef unknown = new FileRef(TaskId.random() + "/x", "a.csv", 10, "text/csv");
    assertThatThrownBy(() -> files.open(unknown)).isInstanceOf(FileNotFoundException.class);
    assertThat(files.delete(ref)).isTrue();
    assertThat(files.delete(ref)).isFalse();
    assertThatThrownBy(() -> files.open(ref)).isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void deleteAll_removesEveryFileOfTheTaskOnly() throws Exception {
    TaskId task = TaskId.random();
    TaskId other = TaskId.random();
    FileRef a = write(task, bytes(chunk() + 1, 5));
    FileRef b = write(task, bytes(3, 6));
    FileRef kept = write(other, bytes(chunk() * 2, 7));
    FileDraft leftover = files.create(task, "c.csv", "text/csv");
    leftover.stream().write(bytes(chunk() * 2, 8));
    assertThat(files.deleteAll(task)).isEqualTo(3);
    assertThatThrownBy(() -> files.open(a)).isInstanceOf(FileNotFoundException.class);
    assertThatThrownBy(() -> files.open(b)).isInstanceOf(FileNotFoundException.class);
    assertThat(read(kept)).isEqualTo(bytes(chunk() * 2, 7));
    leftover.close();
    assertThat(files.deleteAll(task)).isZero();
  }

  @Test
  void deleteAllExcept_keepsTheGivenFilesOfTheTaskAndTheOtherTasks() throws Exception {
    TaskId task = TaskId.random();
    TaskId other = TaskId.random();
    FileRef upload = write(task, bytes(3, 1));
    FileRef orphan = write(task, bytes(chunk() + 1, 2));
    FileRef result = write(task, bytes(chunk() * 2, 3));
    FileRef kept = write(other, bytes(4, 4));
    FileDraft leftover = files.create(task, "c.csv", "text/csv");
    leftover.stream().write(bytes(chunk() * 2, 5));
    assertThat(files.deleteAllExcept(task, java.util.List.of(upload, result))).isEqualTo(2);
    assertThatThrownBy(() -> files.open(orphan)).isInstanceOf(FileNotFoundException.class);
    assertThat(read(upload)).isEqualTo(bytes(3, 1));
    assertThat(read(result)).isEqualTo(bytes(chunk() * 2, 3));
    assertThat(read(kept)).isEqualTo(bytes(4, 4));
    leftover.close();
    assertThat(files.deleteAllExcept(task, java.util.List.of(upload, result))).isZero();
    assertThat(files.deleteAllExcept(task, java.util.List.of())).isEqualTo(2);
  }

  @Test
  void tasksWithDrafts_listsTasksWithUncommittedFilesOnly() throws Exception {
    TaskId drafting = TaskId.random();
    TaskId done = TaskId.random();
    FileDraft draft = files.create(drafting, "c.csv", "text/csv");
    draft.stream().write(bytes(chunk() + 1, 6));
    write(done, bytes(3, 7));
    // a negative age takes every draft, however new; the store's clock decides the age
    assertThat(files.tasksWithDrafts(java.time.Duration.ofMillis(-60_000), 100))
        .containsExactly(drafting);
    assertThat(files.tasksWithDrafts(java.time.Duration.ofHours(1), 100)).isEmpty();
    draft.close();
    assertThat(files.tasksWithDrafts(java.time.Duration.ofMillis(-60_000), 100)).isEmpty();
  }

  @Test
  void open_servesManyReadersAtOnce() throws Exception {
    byte[] content = bytes(chunk() * 5 + 3, 9);
    FileRef ref = write(TaskId.random(), content);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<byte[]>> reads = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        reads.add(pool.submit(() -> read(ref)));
      }
      for (Future<byte[]> f : reads) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(content);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  protected FileRef write(TaskId task, byte[] content) throws IOException {
    try (FileDraft d = files.create(task, "accounts.csv", "text/csv")) {
      d.stream().write(content);
      return d.commit();
    }
  }

  protected byte[] read(FileRef ref) throws IOException {
    try (InputStream in = files.open(ref)) {
      return in.readAllBytes();
    }
  }

  protected static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
