package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/tasks/events}: all of one user's tasks on one stream. */
class UserEventsTest extends ApiTestBase {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void startsWithASnapshotOfTheUsersTasks_thenSendsTheirChanges_andNoOtherUsers() throws Exception {
    String done = export(311, 0);
    awaitStatus(ann(), done, "COMPLETED");
    String bobs = bobExport(312);
    try (SseStream s = openStream()) {
      SseStream.Event first = next(s);
      assertThat(first.name()).isEqualTo("snapshot");
      List<String> ids = new ArrayList<>();
      first.data().get("items").forEach(t -> ids.add(t.get("id").asString()));
      assertThat(ids).contains(done).doesNotContain(bobs);

      String id = export(1_500, 100);
      String bobsNext = bobExport(313);
      JsonNode last;
      do {
        SseStream.Event e = next(s);
        assertThat(e.name()).isEqualTo("task");
        assertThat(e.data().get("id").asString()).isNotEqualTo(bobsNext);
        last = e.data();
      } while (!(last.get("id").asString().equals(id) && last.get("status").asString().equals("COMPLETED")));
      assertThat(last.get("result").get("fileName").asString()).isEqualTo("accounts.csv");
    }
  }

  @Test
  void reconnectWithLastEventId_replaysWhatWasMissed_andAStrangeIdGetsASnapshot() throws Exception {
    String lastId;
    try (SseStream s = openStream()) {
      lastId = next(s).id();
    }
    String id = export(400, 0);
    awaitStatus(ann(), id, "COMPLETED");
    try (SseStream again = ann().stream("/api/tasks/events", lastId)) {
      SseStream.Event e = next(again);
      assertThat(e.name()).isEqualTo("task");
      assertThat(e.data().get("id").asString()).isEqualTo(id);
      assertThat(e.id()).isNotEqualTo(lastId);
    }
    try (SseStream strange = ann().stream("/api/tasks/events", "x-99")) {
      assertThat(next(strange).name()).isEqualTo("snapshot");
    }
  }

  @Test
  void sendsHeartbeatComments() throws Exception {
    try (SseStream s = openStream()) {
      assertThat(CompletableFuture.supplyAsync(s::skipToComment).get(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void countsTowardTheStreamCap() throws Exception {
    List<SseStream> open = new ArrayList<>();
    try {
      // streams of earlier tests count until the heartbeat finds them closed
      for (int i = 0; i < MAX_STREAMS; i++) {
        open.add(openStream());
      }
      await()
          .atMost(WAIT)
          .until(() -> {
            try (SseStream extra = ann().stream("/api/tasks/events", null)) {
              return extra.status() == 429;
            }
          });
      try (SseStream bobs = bob().stream("/api/tasks/events", null)) {
        assertThat(bobs.status()).isEqualTo(200);
      }
    } finally {
      open.forEach(SseStream::close);
    }
  }

  /** Opens a stream of ann's, waiting for streams that earlier tests closed to be counted out. */
  private SseStream openStream() {
    List<SseStream> got = new ArrayList<>();
    await()
        .atMost(WAIT)
        .until(
            () -> {
              SseStream s = ann().stream("/api/tasks/events", null);
              if (s.status() == 200) {
                got.add(s);
                return true;
              }
              s.close();
              return false;
            });
    return got.get(0);
  }

  private String bobExport(int rows) {
    var r = bob().postJson("/api/exports", "{\"type\":\"accounts\",\"params\":{\"rows\":" + rows + ",\"pace\":0}}");
    assertThat(r.statusCode()).isEqualTo(202);
    return Api.json(r).get("id").asString();
  }

  private static SseStream.Event next(SseStream s) throws Exception {
    SseStream.Event e = CompletableFuture.supplyAsync(s::next).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(e).as("an event before the stream ended, status %s %s", s.status(), s.body()).isNotNull();
    return e;
  }
}
