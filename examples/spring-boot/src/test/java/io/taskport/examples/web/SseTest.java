package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
}
