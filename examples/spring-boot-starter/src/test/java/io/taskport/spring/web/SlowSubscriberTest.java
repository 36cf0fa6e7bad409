package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.ExportRequest;
import io.taskport.TaskManager;
import io.taskport.file.LocalFileStore;
import io.taskport.spring.web.app.AccountExport;
import io.taskport.store.InMemoryTaskStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A subscriber that never reads: every write to it blocks. Its stream holds at most {@code
 * max-pending-events} events, then drops them and ends with a {@code reconnect} event once the
 * write it is stuck in returns, instead of queueing without bound. This holds for the stream of
 * one task and for the streams of all of a user's tasks.
 */
class SlowSubscriberTest {
  private static final int MAX = 5;

  @TempDir Path dir;
  private TaskManager tasks;
  private final ExecutorService senders = Executors.newFixedThreadPool(4);
  private final StuckEmitter emitter = new StuckEmitter();

  @BeforeEach
  void start() {
    tasks =
        TaskManager.builder()
            .store(new InMemoryTaskStore())
            .files(new LocalFileStore(dir))
            .workers(0)
            .export(new AccountExport())
            .build();
    tasks.start();
  }

  @AfterEach
  void stop() {
    emitter.release.countDown();
    senders.shutdownNow();
    tasks.close();
  }

  @Test
  void theStreamOfOneTask_isClosedWithAReconnectEvent_whenItFallsBehind() throws Exception {
    var s = tasks.submit(ExportRequest.of("accounts", "ann"));
    SseChannel channel =
        new SseChannel(tasks, s.id(), "ann", 0, emitter, senders, MAX, c -> {});
    channel.start();
    // the snapshot is being written, and the write never returns while the client does not read
    assertThat(emitter.entered.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 50; i++) {
      channel.recheck();
      assertThat(channel.pending()).isLessThanOrEqualTo(MAX + 1);
    }
    assertThat(channel.pending()).isEqualTo(1); // only the reconnect event is left
    emitter.release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> emitter.completed);
    assertThat(emitter.sent()).hasSize(2);
    assertThat(emitter.sent().get(0)).contains("event:task");
    assertThat(emitter.sent().get(1)).contains("event:reconnect", "Last-Event-ID", "retry:1000");
  }

  @Test
  void aStreamOfAllTasks_isClosedWithAReconnectEvent_whenItFallsBehind() throws Exception {
    SseOutbox outbox = new SseOutbox(emitter, senders, MAX, () -> {});
    assertThat(outbox.offer(SseEmitter.event().name("task").id("e-1").data("first"))).isTrue();
    assertThat(emitter.entered.await(10, TimeUnit.SECONDS)).isTrue();
    int accepted = 0;
    for (int i = 0; i < 50; i++) {
      if (outbox.offer(SseEmitter.event().name("task").id("e-" + (i + 2)).data("more"))) {
        accepted++;
      }
      assertThat(outbox.pending()).isLessThanOrEqualTo(MAX);
    }
    assertThat(accepted).isEqualTo(MAX);
    assertThat(outbox.ending()).isTrue();
    emitter.release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> emitter.completed);
    assertThat(emitter.sent()).hasSize(2);
    assertThat(emitter.sent().get(0)).contains("id:e-1");
    assertThat(emitter.sent().get(1)).contains("event:reconnect");
  }

  /** The streams of one user share a feed: one stuck subscriber holds up no other. */
  @Test
  void aStuckSubscriber_holdsUpNoOtherStreamOfTheUser() throws Exception {
    UserFeed feed = new UserFeed(tasks, "ann", senders, MAX);
    var subscription = tasks.subscribeAll(feed::event);
    RecordingEmitter other = new RecordingEmitter();
    feed.open(emitter, null, () -> {});
    assertThat(emitter.entered.await(10, TimeUnit.SECONDS)).isTrue(); // stuck in its snapshot
    feed.open(other, null, () -> {});
    await().atMost(Duration.ofSeconds(10)).until(() -> other.sent.size() == 1); // its snapshot
    for (int i = 1; i <= 20; i++) {
      tasks.submit(ExportRequest.of("accounts", "ann").params(java.util.Map.of("rows", i)));
      feed.recheck(); // sends the new task to both streams
      int expected = 1 + i;
      await().atMost(Duration.ofSeconds(10)).until(() -> other.sent.size() >= expected);
    }
    assertThat(String.join("", other.sent)).doesNotContain("event:reconnect");
    emitter.release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> emitter.completed);
    assertThat(emitter.sent()).hasSize(2); // its snapshot, then the reconnect event
    assertThat(emitter.sent().get(emitter.sent().size() - 1)).contains("event:reconnect");
    subscription.close();
  }

  /** An emitter whose first write blocks until released, as a client that does not read. */
  static class StuckEmitter extends SseEmitter {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<String> sent = new CopyOnWriteArrayList<>();
    volatile boolean completed;

    @Override
    public void send(SseEventBuilder builder) throws IOException {
      entered.countDown();
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IOException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      sent.add(text(builder));
    }

    List<String> sent() {
      return sent;
    }

    @Override
    public void complete() {
      completed = true;
    }
  }

  /** An emitter that only records what is written to it. */
  static final class RecordingEmitter extends SseEmitter {
    final List<String> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(SseEventBuilder builder) {
      sent.add(text(builder));
    }

    @Override
    public void complete() {}
  }

  static String text(SseEmitter.SseEventBuilder builder) {
    return builder.build().stream()
        .map(d -> d.getData() instanceof String t ? t : String.valueOf(d.getData()))
        .collect(Collectors.joining());
  }
}
