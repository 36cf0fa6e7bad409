package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Requests of the wrong shape get a short 400 problem in the user's words: never a 500, never a
 * Java class name, never the input echoed back whole.
 */
class HostileInputTest extends ApiTestBase {
  private static final String B = "----hostile";

  @Test
  void aHugeJsonBody_getsAShort400() {
    String huge = "x".repeat(10 * 1024 * 1024);
    HttpResponse<String> r =
        ann().postJson("/api/exports", "{\"type\":\"" + huge + "\",\"format\":\"" + huge + "\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body().length()).isLessThan(2_000);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void aHugeUnknownFormat_isNotEchoedWhole() {
    String huge = "y".repeat(100_000);
    HttpResponse<String> r =
        ann().postJson("/api/exports", "{\"type\":\"accounts\",\"format\":\"" + huge + "\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body().length()).isLessThan(2_000);
  }

  @Test
  void aFileSentAsATextField_gets400() {
    String body =
        part("type", null, "accounts") + part("file", null, "Name\r\nAnn\r\n") + "--" + B + "--\r\n";
    assertProblem400(ann().postMultipart("/api/imports", B, body));
  }

  @Test
  void theTypeSentAsAFile_gets400() {
    String body =
        part("type", "type.txt", "accounts")
            + part("file", "a.csv", "Name\r\nAnn\r\n")
            + "--" + B + "--\r\n";
    HttpResponse<String> r = ann().postMultipart("/api/imports", B, body);
    assertThat(r.statusCode()).as(r.body()).isIn(202, 400);
    assertNoClassNames(r);
  }

  @Test
  void aTruncatedMultipartBody_gets400() {
    String body = part("type", null, "accounts") + "--" + B + "\r\nContent-Disposition: form-da";
    assertProblem400(ann().postMultipart("/api/imports", B, body));
  }

  @Test
  void aMultipartWithoutItsBoundary_gets400() {
    assertProblem400(ann().postMultipart("/api/imports", "other", part("type", null, "accounts")));
  }

  @Test
  void anOverLongFileName_getsAClear400_notA413() {
    for (int length : new int[] {5_000, 20_000}) {
      String name = "n".repeat(length) + ".csv";
      HttpResponse<String> r =
          ann().upload("/api/imports", "accounts", name, "Name\r\n".getBytes(StandardCharsets.UTF_8));
      assertProblem400(r);
      assertThat(Api.json(r).get("detail").asString()).contains("file name");
    }
  }

  @Test
  void signingInWithAWrongPassword_getsA401Problem_withWwwAuthenticate() {
    HttpResponse<String> r =
        anonymous().call("GET", "/api/tasks", null, "Authorization", "Basic YW5uOndyb25n");
    assertProblem(r, 401, "Sign in");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void anonymousCallers_getA401Problem() {
    HttpResponse<String> r = anonymous().get("/api/tasks");
    assertProblem(r, 401, "Sign in");
    assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void aPostWithoutCsrfToken_getsA403Problem() {
    HttpResponse<String> r =
        anonymous().call("POST", "/api/exports", "{\"type\":\"accounts\"}", "Content-Type", "application/json");
    assertProblem(r, 403, "may not");
  }

  @Test
  void anUnmappedPathUnderTheBasePath_getsA404Problem() {
    assertProblem(ann().get("/api/tasks/x/nope"), 404, "nothing at this path");
    assertProblem(ann().get("/api/nope"), 404, "nothing at this path");
  }

  @Test
  void aWrongMethod_getsA405Problem() {
    HttpResponse<String> r = ann().call("PUT", "/api/exports", "{}", "Content-Type", "application/json");
    assertProblem(r, 405, "does not accept this method");
    assertThat(r.headers().firstValue("Allow")).isPresent();
  }

  @Test
  void anUnacceptableAccept_getsA406Problem() {
    assertProblem(ann().call("GET", "/api/tasks", null, "Accept", "image/png"), 406, "application/json");
  }

  @Test
  void aWrongContentType_getsA415Problem() {
    HttpResponse<String> r = ann().call("POST", "/api/exports", "type=accounts", "Content-Type", "text/plain");
    assertProblem(r, 415, "wrong content type");
  }

  @Test
  void malformedJson_getsA400Problem() {
    HttpResponse<String> r = ann().postJson("/api/exports", "{\"type\": \"accounts\",");
    assertProblem(r, 400, "JSON");
  }

  private static void assertProblem(HttpResponse<String> r, int status, String detail) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    var p = Api.json(r);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("title").asString()).isNotBlank();
    assertThat(p.get("type").asString()).isNotBlank();
    assertThat(p.get("detail").asString()).contains(detail);
    assertNoClassNames(r);
  }

  private static String part(String name, String fileName, String content) {
    return "--" + B + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
        + (fileName == null ? "" : "; filename=\"" + fileName + "\"")
        + "\r\n\r\n" + content + "\r\n";
  }

  private static void assertProblem400(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertNoClassNames(r);
  }

  private static void assertNoClassNames(HttpResponse<String> r) {
    assertThat(r.body()).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+(Exception|Error)");
    assertThat(r.body()).doesNotContain("Exception").hasSizeLessThan(2_000);
  }
}
