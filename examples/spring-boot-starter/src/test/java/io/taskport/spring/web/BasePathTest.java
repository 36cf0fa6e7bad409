package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.spring.web.app.TestApplication;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code taskport.web.base-path} moves every endpoint, and the Location of a new task. */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"taskport.web.base-path=/tasks-api", "taskport.workers=0"})
class BasePathTest {
  @LocalServerPort int port;

  @Test
  void everyEndpointMovesUnderTheBasePath() {
    Api ann = new Api(port, "ann");
    HttpResponse<String> r =
        ann.postJson("/tasks-api/exports", "{\"type\":\"accounts\",\"params\":{\"rows\":5,\"pace\":0}}");
    assertThat(r.statusCode()).isEqualTo(202);
    String id = Api.json(r).get("id").asString();
    assertThat(r.headers().firstValue("Location")).hasValue("/tasks-api/tasks/" + id);
    assertThat(ann.get("/tasks-api/tasks/" + id).statusCode()).isEqualTo(200);
    assertThat(ann.get("/tasks-api/tasks").statusCode()).isEqualTo(200);
    assertThat(Api.json(ann.get("/tasks-api/me")).get("name").asString()).isEqualTo("ann");
    assertThat(ann.get("/api/tasks/" + id).statusCode()).isEqualTo(404);
  }
}
