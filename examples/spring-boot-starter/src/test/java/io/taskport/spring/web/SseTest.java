package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** RELIABILITY.md scenario 24 on one stream at a time; {@code SseLoadTest} runs many at once. */
class SseTest extends ApiTestBase {
  @Test
  void events_startWithASnapshot_andEndAfterTheTerminalEvent() throws Exception {
    String id = export(3_000, 150);
    Api.SseResult r = ann().events("/api/tasks/" + id + "/events", Duration.ofSeconds(30));
    assertThat(r.status()).isEqualTo(200);
    List<JsonNode> events = r.tasks();
    assertThat(events).isNotEmpty();
    assertThat(events.get(0).get("status").asString()).isIn("PENDING", "RUNNING");
    JsonNode last = events.get(events.size() - 1);
    assertThat(last.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(last.get("result").get("fileName").asString()).isEqualTo("accounts.csv");
    assertThat(events).allMatch(e -> e.get("id").asString().equals(id));
    assertThat(r.lines()).anyMatch(l -> l.equals("event:task"));
  }

  @Test
  void events_ofAFinishedTask_sendTheSnapshotAndEnd() throws Exception {
    String id = export(321, 0);
    awaitStatus(ann(), id, "COMPLETED");
    Api.SseResult r = ann().events("/api/tasks/" + id + "/events", Duration.ofSeconds(10));
    assertThat(r.tasks()).hasSize(1);
    assertThat(r.tasks().get(0).get("status").asString()).isEqualTo("COMPLETED");
  }

  @Test
  void reconnectWithLastEventId_continuesTheIds_andStartsWithTheCurrentState() throws Exception {
    String id = export(2_000, 200);
    String lastId;
    try (SseStream first = ann().stream("/api/tasks/" + id + "/events", null)) {
      SseStream.Event e = first.next();
      assertThat(e).isNotNull();
      assertThat(e.id()).isEqualTo("1");
      lastId = e.id();
    }
    awaitStatus(ann(), id, "COMPLETED");
    try (SseStream again = ann().stream("/api/tasks/" + id + "/events", lastId)) {
      SseStream.Event e = again.next();
      assertThat(e).isNotNull();
      assertThat(e.id()).isEqualTo("2");
      assertThat(e.data().get("status").asString()).isEqualTo("COMPLETED");
      assertThat(again.next()).isNull();
    }
    try (SseStream bogus = ann().stream("/api/tasks/" + id + "/events", "not-a-number")) {
      SseStream.Event e = bogus.next();
      assertThat(e).isNotNull();
      assertThat(e.id()).isEqualTo("1");
    }
  }

  @Test
  void streamsPerUser_areCapped_with429() throws Exception {
    String id = export(199_101, 200);
    List<SseStream> open = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_STREAMS; i++) {
        SseStream s = ann().stream("/api/tasks/" + id + "/events", null);
        open.add(s);
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.next()).isNotNull();
      }
      SseStream refused = ann().stream("/api/tasks/" + id + "/events", null);
      assertThat(refused.status()).isEqualTo(429);
      JsonNode problem = Api.JSON.readTree(refused.body());
      assertThat(problem.get("status").asInt()).isEqualTo(429);
      assertThat(problem.get("limit").asInt()).isEqualTo(MAX_STREAMS);
      assertThat(problem.get("detail").asString()).contains("at most " + MAX_STREAMS + " per user");
      assertThat(ann().get("/api/tasks/" + id).statusCode()).isEqualTo(200);
    } finally {
      open.forEach(SseStream::close);
      ann().post("/api/tasks/" + id + "/cancel");
    }
    // the cancelled task ends the streams; their slots come back
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              try (SseStream s = ann().stream("/api/tasks/" + id + "/events", null)) {
                return s.status() == 200;
              }
            });
  }
}
