package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.Task;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.store.Fence;
import io.taskport.store.TaskStore;
import io.taskport.testkit.TaskFixtures;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * RELIABILITY.md scenario 21: bob gets, for every endpoint, the same 404 for ann's task as for a
 * random id, and nothing of ann's task changes.
 */
class OwnerIsolationTest extends ApiTestBase {
  private static final AtomicInteger ROWS = new AtomicInteger();
  private static final String PARKED = "parked";
  private static final Logger log = LoggerFactory.getLogger(OwnerIsolationTest.class);

  @Autowired TaskStore store;

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
        assertThat(headerNames(theirs))
            .as("header names of endpoint %d", i)
            .isEqualTo(headerNames(unknown));
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

  /**
   * Bob's cancel of ann's pending task, and of her running task whose worker is parked (claimed in
   * the store, no heartbeats), changes nothing: not what ann reads, not the stored task (status,
   * attempts, cancel flag, progress, times). Ann's own cancel then does change it, so the
   * comparison can fail.
   */
  @Test
  void cancelByAnotherUser_leavesTheWholeTaskUnchanged() {
    TaskId pending = TaskId.random();
    TaskId claimed = TaskId.random();
    store.create(TaskFixtures.pendingExport().id(claimed).type(PARKED).owner("ann").build());
    Task running = store.claim("parked-worker", Set.of(PARKED), Duration.ofHours(1), 1).stream().findFirst().orElseThrow();
    assertThat(running.id()).isEqualTo(claimed);
    Fence fence = new Fence(claimed, "parked-worker", running.attempts().current());
    store.create(TaskFixtures.pendingExport().id(pending).type(PARKED).owner("ann").build());
    try {
      for (TaskId id : List.of(pending, claimed)) {
        String path = "/api/tasks/" + id.value();
        HttpResponse<String> seen = ann().get(path);
        Task stored = store.get(id).orElseThrow();
        assertThat(bob().post(path + "/cancel").statusCode()).isEqualTo(404);
        assertThat(bob().post("/api/legacy/clearTaskInfo?taskId=" + id.value()).statusCode())
            .isEqualTo(404);
        assertThat(ann().get(path).body()).isEqualTo(seen.body());
        assertThat(store.get(id)).hasValue(stored);
        assertThat(ann().post(path + "/cancel").statusCode()).isEqualTo(200);
        assertThat(store.get(id).orElseThrow()).isNotEqualTo(stored);
      }
      assertThat(store.get(claimed).orElseThrow().cancelRequested()).isTrue();
    } finally {
      if (!store.cancelled(fence)) {
        store.fail(fence, TaskError.of(TaskError.HANDLER_FAILED, "the test ended"), null);
      }
    }
  }

  /**
   * Median latency of 200 requests each for ann's existing task and for random ids, as bob,
   * interleaved so both see the same load, printed side by side. The only assertion is a
   * deliberately generous bound (either median within 10 times the other): both answers come from
   * one store lookup, so a gap that large means one path does real extra work, while ordinary
   * noise on a loaded machine stays far below it.
   */
  @Test
  void notFoundTiming_ofAnotherUsersTask_matchesARandomId() {
    long[] theirs = new long[200];
    long[] unknown = new long[200];
    Api bob = bob();
    for (int i = 0; i < 220; i++) {
      long t0 = System.nanoTime();
      bob.get("/api/tasks/" + finishedExport);
      long t1 = System.nanoTime();
      bob.get("/api/tasks/" + UUID.randomUUID());
      long t2 = System.nanoTime();
      if (i >= 20) { // warm-up
        theirs[i - 20] = t1 - t0;
        unknown[i - 20] = t2 - t1;
      }
    }
    long a = median(theirs);
    long b = median(unknown);
    log.info(
        "404 median over 200 requests: another user's task {} us, random id {} us",
        a / 1000,
        b / 1000);
    assertThat(a).isLessThan(10 * b);
    assertThat(b).isLessThan(10 * a);
  }

  /**
   * Header names apart from the hop-by-hop {@code Connection}, which Tomcat adds to whichever
   * response is the last its keep-alive connection serves (every 100th).
   */
  private static Set<String> headerNames(HttpResponse<String> r) {
    Set<String> names = new java.util.TreeSet<>(r.headers().map().keySet());
    names.remove("connection");
    return names;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
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
