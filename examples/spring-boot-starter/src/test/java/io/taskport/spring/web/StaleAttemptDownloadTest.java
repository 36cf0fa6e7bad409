package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.ExportRequest;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.file.FileStore;
import io.taskport.file.LocalFileStore;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.store.TaskStore;
import io.taskport.testkit.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * RELIABILITY.md scenario 23(b): while a valid link for task X is used, another attempt of X
 * writes a file, and every download through the link is X's complete file.
 *
 * <p>Taskport never runs a COMPLETED task again, so a link (issued only for a COMPLETED task) can
 * only meet a second writer of X in one way: an attempt that lost its lease but is still running,
 * as on a paused node. Two extra nodes share the demo's store and real {@link LocalFileStore}:
 * node A claims X and writes slowly, gated by the test; its frozen clock means it never renews its
 * one-second lease. Node B recovers X once the lease has passed, runs attempt 2 and completes X,
 * which deletes A's draft. Then, while the test downloads through the link again and again, A
 * writes the rest of its rows, and its publish fails because its draft is gone, so A leaves
 * nothing behind. Every body must be B's file, byte for byte, and parse as the full CSV.
 */
class StaleAttemptDownloadTest extends ApiTestBase {
  private static final String TYPE = "rerun";
  private static final int ROWS = 2_000;
  private static final int CHUNK = 100;

  @Autowired TaskStore store;
  @Autowired FileStore files;

  private final Semaphore gate = new Semaphore(0);
  private final CountDownLatch aStarted = new CountDownLatch(1);
  private final CountDownLatch aCommitted = new CountDownLatch(1);
  private final AtomicReference<Throwable> aCommitFailure = new AtomicReference<>();
  private TaskManager nodeA;
  private TaskManager nodeB;

  /** Params of the test export. */
  record Params() {}

  /**
   * A row.
   *
   * @param node which node wrote it
   * @param n its number
   */
  record Row(String node, int n) {}

  @AfterEach
  void stopNodes() {
    gate.release(ROWS);
    if (nodeA != null) {
      nodeA.close();
    }
    if (nodeB != null) {
      nodeB.close();
    }
  }

  @Test
  void downloadsThroughALink_serveTheCompleteFile_whileAStaleAttemptWritesAndPublishes()
      throws Exception {
    LocalFileStore local = (LocalFileStore) files;
    nodeA =
        TaskManager.builder()
            .store(store)
            .files(new WatchPublish(local))
            .workers(1)
            .clock(new ManualClock())
            .lease(Duration.ofSeconds(1))
            .drainTimeout(Duration.ofSeconds(1))
            .export(handler("A", true))
            .build();
    nodeA.start();
    TaskId x = nodeA.submit(ExportRequest.of(TYPE, "ann").format("csv")).id();
    assertThat(aStarted.await(30, TimeUnit.SECONDS)).as("node A started X").isTrue();
    gate.release(CHUNK);
    assertThat(parts(local, x)).as("node A's draft while it writes").isEqualTo(1);

    nodeB =
        TaskManager.builder()
            .store(store)
            .files(local)
            .workers(1)
            .sweepInterval(Duration.ofMillis(200))
            .pollInterval(Duration.ofMillis(100))
            .export(handler("B", false))
            .build();
    nodeB.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> store.get(x).orElseThrow().status() == TaskStatus.COMPLETED);
    Task done = store.get(x).orElseThrow();
    assertThat(done.attempts().current()).isEqualTo(2);
    FileRef published = done.result().file();
    byte[] expected;
    try (InputStream in = local.open(published)) {
      expected = in.readAllBytes();
    }
    assertComplete(expected);
    String url = Api.json(ann().get("/api/tasks/" + x.value() + "/link")).get("url").asString();

    // B's completion removed A's draft, though A is still writing
    assertThat(parts(local, x)).as("node A's draft after B completed").isZero();
    for (int written = CHUNK; written < ROWS; written += CHUNK) {
      assertDownload(url, expected);
      gate.release(CHUNK);
    }

    // A's publish fails: it leaves no file, and X keeps B's result
    assertThat(aCommitted.await(30, TimeUnit.SECONDS)).as("node A tried to publish").isTrue();
    assertThat(aCommitFailure.get()).as("node A's publish").isInstanceOf(IOException.class);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> published(local, x).size() == 1 && parts(local, x) == 0);
    assertThat(published(local, x))
        .containsExactly(local.root().resolve(published.key()).normalize());
    assertDownload(url, expected);
    assertThat(store.get(x)).hasValue(done);
  }

  private ExportHandler<Params, Row> handler(String node, boolean slow) {
    return ExportHandler.of(
        TYPE,
        Params.class,
        p -> List.of(Column.text("Node", Row::node), Column.integer("N", Row::n)),
        (ctx, out) -> {
          if (slow) {
            aStarted.countDown();
          }
          for (int i = 1; i <= ROWS; i++) {
            if (slow && !gate.tryAcquire(30, TimeUnit.SECONDS)) {
              throw new IllegalStateException("the test stopped releasing rows");
            }
            out.write(new Row(node, i));
          }
        });
  }

  private void assertDownload(String url, byte[] expected) {
    HttpResponse<byte[]> r = anonymous().getBytes(url);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(expected);
  }

  /** B's file: a header and every row, all written by B. */
  private static void assertComplete(byte[] csv) {
    List<String> lines =
        new String(csv, StandardCharsets.UTF_8).lines().map(l -> l.replace("\"", "")).toList();
    assertThat(lines).hasSize(ROWS + 1);
    assertThat(lines.get(0)).endsWith("Node,N");
    for (int i = 1; i <= ROWS; i++) {
      assertThat(lines.get(i)).isEqualTo("B," + i);
    }
  }

  private static List<Path> published(LocalFileStore local, TaskId x) throws IOException {
    Path dir = local.root().resolve(x.value());
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  private static long parts(LocalFileStore local, TaskId x) throws IOException {
    try (Stream<Path> s = Files.list(local.root().resolve(".tmp"))) {
      return s.filter(p -> p.getFileName().toString().startsWith(x.value())).count();
    }
  }

  /** The real store, recording how node A's publish ends. */
  private final class WatchPublish implements FileStore {
    private final FileStore delegate;

    WatchPublish(FileStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public FileDraft create(TaskId taskId, String fileName, String contentType)
        throws IOException {
      FileDraft draft = delegate.create(taskId, fileName, contentType);
      return new FileDraft() {
        @Override
        public OutputStream stream() {
          return draft.stream();
        }

        @Override
        public FileRef commit() throws IOException {
          try {
            return draft.commit();
          } catch (IOException | RuntimeException e) {
            aCommitFailure.set(e);
            throw e;
          } finally {
            aCommitted.countDown();
          }
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
}
