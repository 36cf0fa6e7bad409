package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Exports with chosen columns through the REST API: listed, submitted, refused, written. */
class ColumnsApiTest extends ApiTestBase {
  @Test
  void columns_listsTheExportsColumnsInTheHandlersOrder() {
    String params = URLEncoder.encode("{\"rows\":5}", StandardCharsets.UTF_8);
    HttpResponse<String> r = ann().get("/api/exports/accounts/columns?params=" + params);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode list = Api.json(r);
    assertThat(list.valueStream().map(c -> c.get("key").asString()))
        .containsExactly("ID", "Name", "Email", "Region", "Balance", "Opened");
    assertThat(list.get(4).get("header").asString()).isEqualTo("Balance");
    assertThat(list.get(4).get("type").asString()).isEqualTo("DECIMAL");
    assertThat(ann().get("/api/exports/accounts/columns").statusCode()).isEqualTo(200);
  }

  @Test
  void columns_areHeadedInTheLanguageOfAcceptLanguage() {
    JsonNode zh = Api.json(ann().language("zh-CN,zh;q=0.9").get("/api/exports/accounts/columns"));
    assertThat(zh.valueStream().map(c -> c.get("key").asString()))
        .containsExactly("ID", "Name", "Email", "Region", "Balance", "Opened");
    assertThat(zh.valueStream().map(c -> c.get("header").asString()))
        .containsExactly("编号", "姓名", "Email", "Region", "余额", "开户日期");
    JsonNode en = Api.json(ann().language("en-US").get("/api/exports/accounts/columns"));
    assertThat(en.get(4).get("header").asString()).isEqualTo("Balance");
    HttpResponse<String> unknown = ann().language("zh-CN").get("/api/exports/nope/columns");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(Api.json(unknown).get("errors").get(0).get("message").asString())
        .startsWith("未知的导出类型“nope”");
  }

  @Test
  void columns_ofBadParamsOrAnUnknownType_answers400() {
    String bad = URLEncoder.encode("{\"rows\":0}", StandardCharsets.UTF_8);
    assertThat(ann().get("/api/exports/accounts/columns?params=" + bad).statusCode())
        .isEqualTo(400);
    assertThat(ann().get("/api/exports/nope/columns").statusCode()).isEqualTo(400);
    assertThat(anonymous().get("/api/exports/accounts/columns").statusCode()).isEqualTo(401);
  }

  @Test
  void export_withChosenColumns_writesThemInOrder_andTheTaskShowsThem() {
    HttpResponse<String> r = ann().postJson("/api/exports",
        "{\"type\":\"accounts\",\"params\":{\"rows\":3,\"pace\":0},"
            + "\"columns\":[\"Balance\",\"ID\"]}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    String id = Api.json(r).get("id").asString();
    JsonNode done = awaitStatus(ann(), id, "COMPLETED");
    assertThat(done.get("columns").valueStream().map(JsonNode::asString))
        .containsExactly("Balance", "ID");
    // the params as submitted, without the chosen columns, so a form can send them again
    assertThat(done.get("params").has("@columns")).isFalse();
    assertThat(done.get("params").get("rows").asInt()).isEqualTo(3);
    String csv = new String(ann().getBytes("/api/tasks/" + id + "/file").body(),
        StandardCharsets.UTF_8);
    assertThat(csv.lines().findFirst()).hasValue("\uFEFF\"Balance\",\"ID\""); // the host writes a BOM, quoted
    assertThat(csv.lines()).hasSize(4);
  }

  @Test
  void export_withUnknownColumns_answers400ListingThem() {
    HttpResponse<String> r = ann().postJson("/api/exports",
        "{\"type\":\"accounts\",\"params\":{\"rows\":3},\"columns\":[\"Name\",\"Phone\",\"Fax\"]}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode error = Api.json(r).get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("columns");
    assertThat(error.get("message").asString()).isEqualTo(
        "this export has no columns 'Phone', 'Fax'; choose from 'ID', 'Name', 'Email', 'Region',"
            + " 'Balance', 'Opened'");
  }
}
