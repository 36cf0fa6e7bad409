package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The API answers in the language of {@code Accept-Language}, and a task keeps it. */
class LocalizedApiTest extends ApiTestBase {
  @Test
  void aSubmitInChineseGetsChineseProblemDetails() {
    HttpResponse<String> r =
        ann().language("zh-CN,zh;q=0.9,en;q=0.8").postJson("/api/exports", "{\"type\":\"nope\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode body = Api.json(r);
    assertThat(body.get("title").asString()).isEqualTo("请求错误");
    assertThat(body.get("detail").asString()).isEqualTo("请求无效。");
    assertThat(body.get("errors").get(0).get("message").asString())
        .startsWith("未知的导出类型“nope”；可用的类型：");

    HttpResponse<String> empty =
        ann().language("zh-CN").upload("/api/imports", "accounts", "a.csv", new byte[0]);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(Api.json(empty).get("detail").asString()).startsWith("上传的文件是空的");
    assertThat(Api.json(empty).get("title").asString()).isEqualTo("请求错误");

    HttpResponse<String> missing = ann().language("zh-CN").get("/api/tasks/nope");
    assertThat(Api.json(missing).get("detail").asString()).isEqualTo("没有这个任务。");
    assertThat(Api.json(missing).get("title").asString()).isEqualTo("未找到");
  }

  @Test
  void withoutAChineseAcceptLanguageTheAnswersStayEnglish() {
    for (Api api : new Api[] {ann(), ann().language("fr-FR, de;q=0.5"), ann().language("*")}) {
      JsonNode body = Api.json(api.postJson("/api/exports", "{\"type\":\"nope\"}"));
      assertThat(body.get("title").asString()).isEqualTo("Bad Request");
      assertThat(body.get("detail").asString()).isEqualTo("The request is not valid.");
      assertThat(body.get("errors").get(0).get("message").asString())
          .startsWith("unknown export type 'nope'; known: ");
    }
  }

  @Test
  void anImportSubmittedInChineseWritesItsErrorReportInChinese() {
    String csv =
        "姓名,邮箱,Region,余额\r\n"
            + "Ann Lee,ann@example.com,EU,10.50\r\n"
            + "Bad Balance,b@example.com,EU,abc\r\n";
    HttpResponse<String> r =
        ann()
            .language("zh-CN")
            .upload("/api/imports", "accounts", "accounts.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(202);
    String id = Api.json(r).get("id").asString();
    awaitStatus(ann(), id, "COMPLETED");
    HttpResponse<byte[]> report = ann().getBytes("/api/tasks/" + id + "/errors");
    String text = new String(report.body(), StandardCharsets.UTF_8);
    assertThat(text).contains("错误").contains("第 3 行：“余额”列必须是数字，实际是“abc”");
  }

  @Test
  void theTemplateIsWrittenInTheLanguageAsked() {
    HttpResponse<byte[]> en = ann().getBytes("/api/imports/accounts/template?format=csv");
    assertThat(new String(en.body(), StandardCharsets.UTF_8)).contains("Name");
    assertThat(Languages.of("zh-TW")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(Languages.of("en-US,zh;q=0.5")).isEqualTo(Locale.ENGLISH);
    assertThat(Languages.of("not a header;;")).isEqualTo(Locale.ENGLISH);
  }

  @Test
  void theLegacyCallsAndTheTaskListAnswerInTheLanguageAsked() {
    HttpResponse<String> bad = ann().language("zh-CN").get("/api/tasks?size=0");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Api.json(bad).get("errors").get(0).get("message").asString())
        .isEqualTo("必须在 1 到 100 之间");
    HttpResponse<String> kind = ann().language("zh-CN").get("/api/tasks?kind=BOTH");
    assertThat(Api.json(kind).get("errors").get(0).get("message").asString())
        .isEqualTo("必须是 EXPORT 或 IMPORT");

    HttpResponse<String> r =
        ann()
            .language("zh-CN")
            .post("/api/legacy/registerExportTask?type=accounts&format=csv&params="
                + java.net.URLEncoder.encode("{\"rows\":2,\"pace\":0}", StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String id = Api.json(r).get("taskId").asString();
    awaitStatus(ann(), id, "COMPLETED");
    String csv =
        new String(ann().getBytes("/api/tasks/" + id + "/file").body(), StandardCharsets.UTF_8);
    assertThat(csv.lines().findFirst().orElseThrow()).contains("编号").contains("余额");
    JsonNode status =
        Api.json(ann().language("zh-CN").get("/api/legacy/getTaskStatus?taskId=" + id));
    assertThat(status.get("message").asString()).isEqualTo("已完成");
    assertThat(Api.json(ann().get("/api/legacy/getTaskStatus?taskId=" + id))
            .get("message").asString())
        .isEqualTo("completed");
  }

  @Test
  void aQueryParameterOfTheWrongTypeOrMissingIsAFieldErrorInTheLanguageAsked() {
    HttpResponse<String> word = ann().language("zh-CN").get("/api/tasks?size=abc");
    assertThat(word.statusCode()).isEqualTo(400);
    JsonNode body = Api.json(word);
    assertThat(body.get("title").asString()).isEqualTo("请求错误");
    assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("size");
    assertThat(body.get("errors").get(0).get("message").asString()).isEqualTo("必须是整数");
    assertThat(Api.json(ann().get("/api/tasks?size=abc")).get("errors").get(0).get("message")
            .asString())
        .isEqualTo("must be a whole number");

    HttpResponse<String> missing = ann().language("zh-CN").get("/api/legacy/getTaskStatus");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(Api.json(missing).get("errors").get(0).get("field").asString()).isEqualTo("taskId");
    assertThat(Api.json(missing).get("errors").get(0).get("message").asString())
        .isEqualTo("必须填写");

    HttpResponse<String> notJson =
        ann().language("zh-CN").postJson("/api/exports", "{\"type\":");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(Api.json(notJson).get("detail").asString())
        .startsWith("请求正文不是预期格式的 JSON")
        .contains("\"format\": \"csv\"");
    assertThat(Api.json(notJson).get("title").asString()).isEqualTo("请求错误");
  }
}
