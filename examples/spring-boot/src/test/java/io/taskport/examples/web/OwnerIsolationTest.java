package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * RELIABILITY.md scenario 21: bob gets, for every endpoint, the same 404 for ann's task as for a
 * random id, and nothing of ann's task changes.
 */
class OwnerIsolationTest extends ApiTestBase {
  private static final AtomicInteger ROWS = new AtomicInteger();

  private String finishedExport;
  private String finishedImport;
  private String running;

  @BeforeEach
  void annHasTasks() {
    finishedExport = export(600, 0);
    finishedImport = importWithErrors();
    awaitStatus(ann(), finishedExport, "COMPLETED");
    awaitStatus(ann(), finishedImport, "COMPLETED");
    running = export(190_000 + ROWS.incrementAndGet(), 200);
  }

  /** Long exports would otherwise hold the shared demo's workers for the tests that follow. */
  @AfterEach
  void cancelTheRunningOne() {
    ann().post("/api/tasks/" + running + "/cancel");
    awaitStatus(ann(), running, "CANCELLED");
  }

  /** Every endpoint that takes a task id, as (client, id) to response. */
  private static final List<BiFunction<Api, String, HttpResponse<String>>> ENDPOINTS =
      List.of(
          (api, id) -> api.get("/api/tasks/" + id),
          (api, id) -> api.post("/api/tasks/" + id + "/cancel"),
          (api, id) -> api.delete("/api/tasks/" + id),
          (api, id) -> api.get("/api/tasks/" + id + "/file"),
          (api, id) -> api.get("/api/tasks/" + id + "/errors"),
          (api, id) -> api.get("/api/tasks/" + id + "/link?file=result"),
          (api, id) -> api.get("/api/tasks/" + id + "/link?file=errors"),
          (api, id) -> api.get("/api/tasks/" + id + "/events"),
          (api, id) -> api.get("/api/legacy/getTaskStatus?taskId=" + id),
          (api, id) -> api.post("/api/legacy/clearTaskInfo?taskId=" + id));

  @Test
  void everyEndpoint_answersAnotherUsersTaskLikeARandomId() {
    for (String id : List.of(finishedExport, finishedImport, running)) {
      for (int i = 0; i < ENDPOINTS.size(); i++) {
        HttpResponse<String> theirs = ENDPOINTS.get(i).apply(bob(), id);
        String random = UUID.randomUUID().toString();
        HttpResponse<String> unknown = ENDPOINTS.get(i).apply(bob(), random);
        assertThat(theirs.statusCode()).as("endpoint %d on %s", i, id).isEqualTo(404);
        assertThat(unknown.statusCode()).as("endpoint %d on a random id", i).isEqualTo(404);
        assertThat(theirs.headers().firstValue("Content-Type"))
            .isEqualTo(unknown.headers().firstValue("Content-Type"));
        assertThat(theirs.body().replace(id, "ID")).isEqualTo(unknown.body().replace(random, "ID"));
      }
    }
  }

  @Test
  void anotherUsersCalls_changeNothing() {
    JsonNode before = Api.json(ann().get("/api/tasks/" + running));
    bob().post("/api/tasks/" + running + "/cancel");
    bob().delete("/api/tasks/" + finishedExport);
    bob().post("/api/legacy/clearTaskInfo?taskId=" + running);
    JsonNode after = Api.json(ann().get("/api/tasks/" + running));
    assertThat(after.get("status").asString()).isIn("PENDING", "RUNNING");
    assertThat(before.get("status").asString()).isIn("PENDING", "RUNNING");
    assertThat(ann().get("/api/tasks/" + finishedExport).statusCode()).isEqualTo(200);
  }

  @Test
  void list_neverShowsAnotherUsersTasks() {
    String bobs = Api.json(bob().get("/api/tasks?size=100")).toString();
    for (String id : List.of(finishedExport, finishedImport, running)) {
      assertThat(bobs).doesNotContain(id);
    }
  }

  @Test
  void malformedIds_areAnsweredLikeUnknownOnes() {
    HttpResponse<String> bad = bob().get("/api/tasks/not$an$id");
    assertThat(bad.statusCode()).isEqualTo(404);
    assertThat(Api.json(bad).get("detail").asString()).isEqualTo(Problems.NOT_FOUND_DETAIL);
  }

  @Test
  void eventStreamOfAnotherUsersTask_is404() throws Exception {
    assertThat(bob().events("/api/tasks/" + running + "/events", Duration.ofSeconds(5)).status())
        .isEqualTo(404);
  }
}
