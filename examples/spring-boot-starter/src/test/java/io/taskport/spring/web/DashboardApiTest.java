package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import io.taskport.spring.web.app.TestApplication;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * The operator dashboard over HTTP: ordinary users are refused every path of it; the operator lists every owner's tasks and retries a failed one.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"taskport.lease=3s", "taskport.scheduling.cluster-type-limits.flaky=3"})
@Import(FlakyExport.class)
class DashboardApiTest {
  @LocalServerPort int port;

  private Api ann;
  private Api bob;
  private Api ops;

  @BeforeEach
  void users() {
    ann = new Api(port, "ann");
    bob = new Api(port, "bob");
    ops = new Api(port, "ops");
    FlakyExport.BROKEN.set(true);
  }

  private String submit(Api user, String type, String params) {
    HttpResponse<String> r =
        user.postJson("/api/exports", "{\"type\":\"" + type + "\",\"params\":" + params + "}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    return Api.json(r).get("id").asString();
  }

  private JsonNode awaitAdminStatus(String id, String status) {
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              last[0] = Api.json(ops.get("/api/admin/tasks/" + id));
              return status.equals(last[0].get("status").asString());
            });
    return last[0];
  }

  @Test
  void anOrdinaryUser_isRefusedEveryDashboardPath() {
    String bobs = submit(bob, "accounts", "{\"rows\":200000,\"pace\":200}");
    String failed = submit(bob, "flaky", "{\"n\":1}");
    awaitAdminStatus(failed, "FAILED");
    List<Function<Api, HttpResponse<String>>> calls =
        List.of(
            a -> a.get("/api/admin/tasks"),
            a -> a.get("/api/admin/tasks?owner=bob"),
            a -> a.get("/api/admin/tasks/" + bobs),
            a -> a.post("/api/admin/tasks/" + failed + "/retry"),
            a -> a.post("/api/admin/tasks/" + bobs + "/cancel"),
            a -> a.delete("/api/admin/tasks/" + failed),
            a -> a.post("/api/admin/purge"),
            a -> a.get("/api/admin/summary"),
            a -> a.get("/api/admin"),
            a -> a.get("/taskport/admin"),
            a -> a.get("/taskport/admin/"),
            a -> a.get("/taskport/admin/index.html"),
            a -> a.get("/taskport/admin/admin.js"),
            a -> a.get("/taskport/admin/settings.json"));
    for (int i = 0; i < calls.size(); i++) {
      HttpResponse<String> r = calls.get(i).apply(ann);
      assertThat(r.statusCode()).as("call %d: %s", i, r.uri()).isEqualTo(403);
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(Api.json(r).get("status").asInt()).isEqualTo(403);
    }
    assertThat(Api.json(ops.get("/api/admin/tasks/" + bobs)).get("status").asString())
        .isIn("PENDING", "RUNNING");
    assertThat(Api.json(ops.get("/api/admin/tasks/" + failed)).get("status").asString())
        .isEqualTo("FAILED");
    assertThat(ops.get("/taskport/admin/index.html").statusCode()).isEqualTo(200);
    assertThat(ops.get("/taskport/admin/settings.json").body()).contains("/api/admin");
    assertThat(ops.post("/api/admin/tasks/" + bobs + "/cancel").statusCode()).isEqualTo(200);
  }

  @Test
  void theOperator_listsEveryOwnersTasks_andRetriesAFailedOne() {
    String annsTask = submit(ann, "flaky", "{\"n\":2}");
    String bobsTask = submit(bob, "flaky", "{\"n\":3}");
    awaitAdminStatus(annsTask, "FAILED");
    JsonNode failed = awaitAdminStatus(bobsTask, "FAILED");
    assertThat(failed.get("owner").asString()).isEqualTo("bob");
    assertThat(failed.get("error").get("code").asString()).isEqualTo("UPSTREAM_DOWN");
    assertThat(failed.get("attempt").asInt()).isEqualTo(1);

    JsonNode page = Api.json(ops.get("/api/admin/tasks?type=flaky&status=FAILED&size=200"));
    List<String> ids = page.get("items").valueStream().map(t -> t.get("id").asString()).toList();
    assertThat(ids).contains(annsTask, bobsTask);
    JsonNode bobsOnly = Api.json(ops.get("/api/admin/tasks?owner=bob&type=flaky"));
    assertThat(bobsOnly.get("items").valueStream().map(t -> t.get("owner").asString()))
        .containsOnly("bob");

    HttpResponse<String> notFailed = ops.post("/api/admin/tasks/" + annsTask + "/cancel");
    assertThat(Api.json(notFailed).get("outcome").asString()).isEqualTo("ALREADY_FINISHED");
    FlakyExport.BROKEN.set(false);
    HttpResponse<String> retried = ops.post("/api/admin/tasks/" + bobsTask + "/retry");
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
    assertThat(Api.json(retried).get("maxAttempts").asInt()).isGreaterThan(failed.get("maxAttempts").asInt());
    JsonNode done = awaitAdminStatus(bobsTask, "COMPLETED");
    assertThat(done.get("attempt").asInt()).isEqualTo(2);
    assertThat(bob.get("/api/tasks/" + bobsTask + "/file").statusCode()).isEqualTo(200);

    HttpResponse<String> again = ops.post("/api/admin/tasks/" + bobsTask + "/retry");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(Api.json(again).get("taskStatus").asString()).isEqualTo("COMPLETED");

    JsonNode summary = Api.json(ops.get("/api/admin/summary?window=PT10M"));
    assertThat(summary.get("counts").valueStream())
        .anySatisfy(c -> {
          assertThat(c.get("type").asString()).isEqualTo("flaky");
          assertThat(c.get("status").asString()).isEqualTo("COMPLETED");
        });
    assertThat(summary.get("stats").get("sampled").asInt()).isGreaterThanOrEqualTo(2);
    // the scheduling rules in force, and who has tasks queued (nobody, now)
    assertThat(summary.get("rules").get("clusterTypeLimit.flaky").asString()).isEqualTo("3");
    assertThat(summary.get("rules").get("fairClaiming").asString()).isEqualTo("off");
    assertThat(summary.get("owners").isArray()).isTrue();
    assertThat(ops.post("/api/admin/purge").statusCode()).isEqualTo(200);
    assertThat(ops.get("/api/admin/tasks?from=yesterday").statusCode()).isEqualTo(400);
  }
}
