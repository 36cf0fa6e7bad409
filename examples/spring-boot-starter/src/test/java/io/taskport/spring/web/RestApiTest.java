package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RestApiTest extends ApiTestBase {
  @Test
  void export_answers202WithLocation_andCompletesWithADownload() {
    HttpResponse<String> r =
        ann().postJson("/api/exports", "{\"type\":\"accounts\",\"format\":\"csv\",\"params\":{\"rows\":1234,\"pace\":0}}");
    assertThat(r.statusCode()).isEqualTo(202);
    String id = Api.json(r).get("id").asString();
    assertThat(r.headers().firstValue("Location")).hasValue("/api/tasks/" + id);
    JsonNode done = awaitStatus(ann(), id, "COMPLETED");
    assertThat(done.get("progress").get("done").asLong()).isEqualTo(1234);
    // its own params, as an object, so a page that reloads can show them in its form
    assertThat(done.get("params").get("rows").asInt()).isEqualTo(1234);
    HttpResponse<byte[]> file = ann().getBytes("/api/tasks/" + id + "/file");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"accounts.csv\"");
    assertThat(file.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(file.headers().allValues("Cache-Control")).containsExactly("no-store, private");
    String csv = new String(file.body(), StandardCharsets.UTF_8);
    assertThat(csv.lines()).hasSize(1235);
  }

  @Test
  void export_withBadParams_answers400WithFieldErrors() {
    HttpResponse<String> r =
        ann().postJson("/api/exports", "{\"type\":\"accounts\",\"params\":{\"rows\":0,\"region\":\"MARS\"}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode body = Api.json(r);
    assertThat(body.get("status").asInt()).isEqualTo(400);
    assertThat(body.get("errors").valueStream().map(e -> e.get("field").asString()))
        .containsExactlyInAnyOrder("params.rows", "params.region");
  }

  @Test
  void export_ofUnknownTypeOrFormat_answers400() {
    assertThat(ann().postJson("/api/exports", "{\"type\":\"nope\"}").statusCode()).isEqualTo(400);
    assertThat(ann().postJson("/api/exports", "{\"type\":\"accounts\",\"format\":\"pdf\"}").statusCode())
        .isEqualTo(400);
    assertThat(ann().postJson("/api/exports", "not json").statusCode()).isEqualTo(400);
  }

  @Test
  void export_identicalToAnActiveOne_answers409WithItsId() {
    String id = export(199_001, 200);
    HttpResponse<String> again =
        ann().postJson("/api/exports", "{\"type\":\"accounts\",\"params\":{\"rows\":199001,\"pace\":200}}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(Api.json(again).get("taskId").asString()).isEqualTo(id);
    assertThat(again.headers().firstValue("Location")).hasValue("/api/tasks/" + id);

    HttpResponse<String> delete = ann().delete("/api/tasks/" + id);
    assertThat(delete.statusCode()).isEqualTo(409);
    assertThat(Api.json(delete).get("taskStatus").asString()).isIn("PENDING", "RUNNING");

    assertThat(Api.json(ann().post("/api/tasks/" + id + "/cancel")).get("outcome").asString())
        .isIn("CANCELLED", "REQUESTED");
    awaitStatus(ann(), id, "CANCELLED");
    assertThat(ann().delete("/api/tasks/" + id).statusCode()).isEqualTo(204);
    assertThat(ann().get("/api/tasks/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void import_countsRows_andServesTheErrorReport() {
    String id = importWithErrors();
    JsonNode done = awaitStatus(ann(), id, "COMPLETED");
    JsonNode counts = done.get("result").get("counts");
    assertThat(counts.get("total").asLong()).isEqualTo(3);
    assertThat(counts.get("imported").asLong()).isEqualTo(1);
    assertThat(counts.get("rejected").asLong()).isEqualTo(2);
    HttpResponse<byte[]> report = ann().getBytes("/api/tasks/" + id + "/errors");
    assertThat(report.statusCode()).isEqualTo(200);
    String text = new String(report.body(), StandardCharsets.UTF_8);
    assertThat(text).contains("not-an-email").contains("MARS").doesNotContain("ann@example.com");
    assertThat(ann().get("/api/tasks/" + id + "/file").statusCode()).isEqualTo(409);
  }

  @Test
  void import_overTheLimit_answers413() {
    byte[] big = new byte[1024 * 1024 + 10];
    java.util.Arrays.fill(big, (byte) 'a');
    HttpResponse<String> r = ann().upload("/api/imports", "accounts", "big.csv", big);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Api.json(r).get("status").asInt()).isEqualTo(413);
  }

  @Test
  void list_filtersByStatus_andPagesWithTheCursor() {
    for (int i = 0; i < 3; i++) {
      awaitStatus(ann(), export(500 + i, 0), "COMPLETED");
    }
    JsonNode first = Api.json(ann().get("/api/tasks?status=COMPLETED&size=2"));
    assertThat(first.get("items").size()).isEqualTo(2);
    String next = first.get("next").asString();
    JsonNode second = Api.json(ann().get("/api/tasks?status=COMPLETED&size=2&page=" + next));
    assertThat(second.get("items").size()).isGreaterThanOrEqualTo(1);
    assertThat(second.get("items").get(0).get("id").asString())
        .isNotIn(first.get("items").get(0).get("id").asString(), first.get("items").get(1).get("id").asString());
    assertThat(ann().get("/api/tasks?status=BOGUS").statusCode()).isEqualTo(400);
    assertThat(ann().get("/api/tasks?page=garbage").statusCode()).isEqualTo(400);
  }

  @Test
  void list_filtersByKind_andSaysWhetherMoreFollow() {
    String imported = importWithErrors();
    awaitStatus(ann(), imported, "COMPLETED");
    for (int i = 0; i < 3; i++) {
      awaitStatus(ann(), export(600 + i, 0), "COMPLETED");
    }
    JsonNode imports = Api.json(ann().get("/api/tasks?kind=import&size=1"));
    assertThat(imports.get("items")).hasSize(1);
    assertThat(imports.get("items").get(0).get("kind").asString()).isEqualTo("IMPORT");
    assertThat(imports.get("size").asInt()).isEqualTo(1);
    assertThat(imports.get("page").isNull()).isTrue();
    JsonNode exports = Api.json(ann().get("/api/tasks?kind=EXPORT&size=2"));
    assertThat(exports.get("items")).hasSize(2).allMatch(t -> t.get("kind").asString().equals("EXPORT"));
    assertThat(exports.get("hasMore").asBoolean()).isTrue();
    String next = exports.get("next").asString();
    JsonNode more = Api.json(ann().get("/api/tasks?kind=EXPORT&size=2&page=" + next));
    assertThat(more.get("page").asString()).isEqualTo(next);
    assertThat(ann().get("/api/tasks?kind=BOTH").statusCode()).isEqualTo(400);
  }

  @Test
  void xlsxTemplate_isWrittenInTheLanguageOfTheRequest() throws Exception {
    for (String language : java.util.List.of("zh-CN,zh;q=0.9", "en-US")) {
      HttpResponse<byte[]> r =
          ann().getBytes("/api/imports/accounts/template?format=xlsx", language);
      assertThat(r.statusCode()).isEqualTo(200);
      try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb =
          new org.apache.poi.xssf.usermodel.XSSFWorkbook(
              new java.io.ByteArrayInputStream(r.body()))) {
        boolean zh = language.startsWith("zh");
        assertThat(wb.getSheetName(0)).isEqualTo(zh ? "数据" : "Data");
        assertThat(wb.getSheetName(1)).isEqualTo(zh ? "列说明" : "Columns");
        assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getCellComment()).isNotNull();
      }
    }
  }

  @Test
  void template_listsTheHeaders() {
    HttpResponse<String> r = ann().get("/api/imports/accounts/template?format=csv");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Name").contains("Email").contains("ann@example.com");
    assertThat(ann().get("/api/imports/accounts/template?format=pdf").statusCode()).isEqualTo(400);
    assertThat(ann().get("/api/imports/nope/template").statusCode()).isEqualTo(400);
  }

  @Test
  void legacyCalls_mapOntoTheManager() {
    HttpResponse<String> reg =
        ann().post("/api/legacy/registerExportTask?type=accounts&format=xlsx&params=%7B%22rows%22:77,%22pace%22:0%7D");
    assertThat(reg.statusCode()).isEqualTo(200);
    String id = Api.json(reg).get("taskId").asString();
    awaitStatus(ann(), id, "COMPLETED");
    JsonNode status = Api.json(ann().get("/api/legacy/getTaskStatus?taskId=" + id));
    assertThat(status.get("status").asInt()).isEqualTo(1);
    assertThat(status.get("state").asString()).isEqualTo("COMPLETED");
    assertThat(status.get("url").asString()).startsWith("/files/" + id + "?");
    assertThat(anonymous().getBytes(status.get("url").asString()).statusCode()).isEqualTo(200);
    assertThat(Api.json(ann().post("/api/legacy/clearTaskInfo?taskId=" + id)).get("cleared").asString())
        .isEqualTo("DELETED");
    assertThat(ann().get("/api/legacy/getTaskStatus?taskId=" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void anonymousApiCalls_areRefused() {
    assertThat(anonymous().get("/api/tasks").statusCode()).isEqualTo(401);
    assertThat(anonymous().get("/api/tasks/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(401);
    // without credentials the CSRF check comes first
    assertThat(anonymous().postJson("/api/exports", "{}").statusCode()).isEqualTo(403);
  }
}
