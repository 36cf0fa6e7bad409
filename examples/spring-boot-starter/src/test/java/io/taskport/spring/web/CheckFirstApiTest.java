package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Check first, then load, through the REST API: upload with check=true, preview, confirm. */
class CheckFirstApiTest extends ApiTestBase {
  private static final String CSV =
      "姓名,邮箱,Region,余额\r\n"
          + "Ann Lee,ann@example.com,EU,10.50\r\n"
          + "Bad Mail,not-an-email,EU,1\r\n"
          + "Cy Ho,cy@example.com,US,7\r\n";

  private String check() {
    var r =
        ann().upload(
            "/api/imports?check=true", "accounts", "accounts.csv", CSV.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(Api.json(r).get("check").asBoolean()).isTrue();
    return Api.json(r).get("id").asString();
  }

  @Test
  void check_showsCountsAndPreview_thenConfirmLoadsItOnce() {
    String id = check();
    JsonNode done = awaitStatus(ann(), id, "COMPLETED");
    assertThat(done.get("check").asBoolean()).isTrue();
    assertThat(done.get("result").get("counts").get("imported").asLong()).isZero();
    assertThat(done.get("result").get("counts").get("rejected").asLong()).isEqualTo(1);
    JsonNode view = Api.json(ann().get("/api/tasks/" + id));
    JsonNode preview = view.get("preview");
    assertThat(preview.get("headers").toString()).contains("姓名").contains("余额");
    assertThat(preview.get("rows").size()).isEqualTo(2);
    assertThat(preview.get("rows").get(0).toString()).contains("Ann Lee").contains("10.50");
    assertThat(preview.get("allOrNothing").asBoolean()).isFalse();
    assertThat(ann().get("/api/tasks/" + id + "/preview").statusCode()).isEqualTo(200);

    assertThat(bob().post("/api/tasks/" + id + "/confirm").statusCode()).isEqualTo(404);
    HttpResponse<String> confirm = ann().post("/api/tasks/" + id + "/confirm");
    assertThat(confirm.statusCode()).as(confirm.body()).isEqualTo(202);
    String load = Api.json(confirm).get("id").asString();
    assertThat(confirm.headers().firstValue("Location")).hasValue("/api/tasks/" + load);
    JsonNode loaded = awaitStatus(ann(), load, "COMPLETED");
    assertThat(loaded.get("check").asBoolean()).isFalse();
    assertThat(loaded.get("result").get("counts").get("imported").asLong()).isEqualTo(2);
    assertThat(Api.json(ann().get("/api/tasks/" + id)).get("confirmedBy").asString())
        .isEqualTo(load);

    HttpResponse<String> again = ann().post("/api/tasks/" + id + "/confirm");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(Api.json(again).get("detail").asString()).contains("confirmed already");
  }

  @Test
  void import_withoutCheck_hasNoPreview() {
    String id = importWithErrors();
    awaitStatus(ann(), id, "COMPLETED");
    JsonNode view = Api.json(ann().get("/api/tasks/" + id));
    assertThat(view.get("check").asBoolean()).isFalse();
    assertThat(view.get("preview").isNull()).isTrue();
    assertThat(ann().post("/api/tasks/" + id + "/confirm").statusCode()).isEqualTo(409);
  }
}
