package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskport.spring.web.minimal.MinimalApplication;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** A host with the starter and one ExportHandler bean exports CSV and XLSX over HTTP. */
@SpringBootTest(
    classes = MinimalApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.security.user.name=ann", "spring.security.user.password=ann"})
class MinimalHostTest {
  @LocalServerPort int port;
  @Test
  void exportsCsvAndXlsx() {
    Api ann = new Api(port, "ann");
    byte[] csv = export(ann, "csv");
    assertThat(new String(csv, StandardCharsets.UTF_8)).contains("\"Name\",\"Number\"", "\"hello\",2").hasLineCount(1 + 3);
    byte[] xlsx = export(ann, "xlsx");
    assertThat(xlsx).startsWith('P', 'K');
  }

  private static byte[] export(Api api, String format) {
    HttpResponse<String> r =
        api.postJson("/api/exports", "{\"type\":\"greetings\",\"format\":\"" + format + "\",\"params\":{\"rows\":3}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = Api.json(r).get("id").asString();
    JsonNode[] task = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              task[0] = Api.json(api.get("/api/tasks/" + id));
              return List.of("COMPLETED", "FAILED").contains(task[0].get("status").asString());
            });
    assertThat(task[0].get("status").asString()).as(task[0].toString()).isEqualTo("COMPLETED");
    HttpResponse<byte[]> file = api.getBytes("/api/tasks/" + id + "/file");
    assertThat(file.statusCode()).isEqualTo(200);
    return file.body();
  }
}
