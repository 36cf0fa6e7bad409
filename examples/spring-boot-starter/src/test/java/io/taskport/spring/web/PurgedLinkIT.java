package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.taskport.TaskId;
import io.taskport.file.FileRef;
import io.taskport.file.FileStore;
import io.taskport.spring.web.app.TestApplication;
import io.taskport.store.TaskStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * RELIABILITY.md scenario 23 (a): a valid link outlives its task's retention; once the task is
 * purged the link gets the plain 404 and the file is gone from the file store.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"taskport.retention=20s", "taskport.link.ttl=10m"})
class PurgedLinkIT {
  @LocalServerPort int port;
  @Autowired TaskStore store;
  @Autowired FileStore files;

  @Test
  void linkOfARetentionPurgedTask_is404_andTheFileIsGone() {
    Api ann = new Api(port, "ann");
    HttpResponse<String> r =
        ann.postJson("/api/exports", "{\"type\":\"accounts\",\"params\":{\"rows\":77,\"pace\":0}}");
    assertThat(r.statusCode()).isEqualTo(202);
    String id = Api.json(r).get("id").asString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "COMPLETED".equals(Api.json(ann.get("/api/tasks/" + id)).get("status").asString()));
    String url = Api.json(ann.get("/api/tasks/" + id + "/link")).get("url").asString();
    FileRef ref = store.get(TaskId.of(id)).orElseThrow().result().file();
    Api nobody = new Api(port, null);
    assertThat(nobody.getBytes(url).statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(90)).until(() -> nobody.get(url).statusCode() != 200);
    HttpResponse<String> gone = nobody.get(url);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(Api.json(gone).get("detail").asString()).isEqualTo(Problems.NOT_FOUND_DETAIL);
    assertThat(store.get(TaskId.of(id))).isEmpty();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThatThrownBy(() -> files.open(ref).close()).isInstanceOf(IOException.class));
  }
}
