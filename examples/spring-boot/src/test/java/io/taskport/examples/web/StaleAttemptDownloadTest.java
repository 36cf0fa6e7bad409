package io.taskport.examples.web;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * RELIABILITY.md scenario 23(b): while a valid link for task X is used, another attempt of X
 * writes and publishes a file, and every download through the link is X's complete file.
 *
 * <p>Taskport never runs a COMPLETED task again, so a link (issued only for a COMPLETED task) can
 * only meet a second writer of X in one way: an attempt that lost its lease but is still running,
 * as on a paused node. Two extra nodes share the demo's store and real {@link LocalFileStore}:
 * node A claims X and writes slowly, gated by the test; its frozen clock means it never renews its
 * one-second lease. Node B recovers X once the lease has passed, runs attempt 2 and completes X.
 * Then, while the test downloads through the link again and again, A writes the rest of its rows
 * to its temp file, publishes it (the test holds it there, published, for more downloads), and is
 * refused when it tries to complete, which deletes its file. Every body must be B's file, byte for
 * byte, and parse as the full CSV.
 */
class StaleAttemptDownloadTest extends ApiTestBase {
  private static final String TYPE = "rerun";
  private static final int ROWS = 2_000;
  private static final int CHUNK = 100;

  @Autowired TaskStore store;
  @Autowired FileStore files;

  private final Semaphore gate = new Semaphore(0);
  private final CountDownLatch aStarted = new CountDownLatch(1);
  private final CountDownLatch aPublished = new CountDownLatch(1);
  private final CountDownLatch aMayFinish = new CountDownLatch(1);
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
    aMayFinish.countDown();
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
            .files(new HoldAfterPublish(local))
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

    // A is still writing its temp file
    boolean sawPart = false;
    for (int written = CHUNK; written < ROWS; written += CHUNK) {
      sawPart |= parts(local, x) > 0;
      assertDownload(url, expected);
      gate.release(CHUNK);
    }
    assertThat(sawPart).as("node A's temp file existed while downloading").isTrue();

    // A has published its file next to B's and has not tried to complete yet
    assertThat(aPublished.await(30, TimeUnit.SECONDS)).as("node A published").isTrue();
    assertThat(published(local, x)).hasSize(2);
    for (int i = 0; i < 10; i++) {
      assertDownload(url, expected);
    }
    aMayFinish.countDown();

    // A's completion is refused and its file deleted; X keeps B's result
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

  /** The real store, with node A's publish held until the test lets A go on to complete. */
  private final class HoldAfterPublish implements FileStore {
    private final FileStore delegate;

    HoldAfterPublish(FileStore delegate) {
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
          FileRef ref = draft.commit();
          aPublished.countDown();
          try {
            if (!aMayFinish.await(30, TimeUnit.SECONDS)) {
              throw new IOException("the test did not let node A go on");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          }
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
  }
}
