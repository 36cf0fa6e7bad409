package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The browser-facing defenses of the test host: CSRF is skipped only for requests that really
 * authenticated with their Authorization header, pages carry a Content-Security-Policy, and CSV
 * downloads say their charset.
 */
class WebSecurityTest extends ApiTestBase {
  private static final String EXPORT = "{\"type\":\"accounts\",\"params\":{\"rows\":%d,\"pace\":0}}";

  @Test
  void aSignedInBrowserWithABogusAuthorizationHeader_stillNeedsItsCsrfToken() throws Exception {
    CookieManager cookies = new CookieManager();
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    String base = "http://localhost:" + port;
    browser.send(get(base + "/login"), HttpResponse.BodyHandlers.discarding());
    String token = cookie(cookies, "XSRF-TOKEN");
    HttpResponse<String> login =
        browser.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("username=ann&password=ann"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");

    for (String header : new String[] {"Bearer not-a-token", basic("ann", "wrong"), "Basic %%%"}) {
      HttpResponse<String> r =
          browser.send(post(base, String.format(EXPORT, 71), header, null), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(header).isIn(401, 403);
    }
    String fresh = cookie(cookies, "XSRF-TOKEN");
    HttpResponse<String> withToken =
        browser.send(post(base, String.format(EXPORT, 72), null, fresh), HttpResponse.BodyHandlers.ofString());
    assertThat(withToken.statusCode()).isEqualTo(202);
  }

  @Test
  void anApiClientWithValidBasicCredentials_needsNoCsrfToken() {
    assertThat(ann().postJson("/api/exports", String.format(EXPORT, 73)).statusCode()).isEqualTo(202);
  }

  @Test
  void pagesCarryAContentSecurityPolicy() {
    HttpResponse<String> page = anonymous().get("/login");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'").contains("script-src 'self'"));
  }

  @Test
  void csvDownloads_sayTheirCharset() {
    String id = export(74, 0);
    awaitStatus(ann(), id, "COMPLETED");
    assertThat(ann().getBytes("/api/tasks/" + id + "/file").headers().firstValue("Content-Type"))
        .hasValue("text/csv;charset=UTF-8");
    assertThat(ann().getBytes("/api/imports/accounts/template?format=csv").headers().firstValue("Content-Type"))
        .hasValue("text/csv;charset=UTF-8");
  }

  private static HttpRequest get(String uri) {
    return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20)).GET().build();
  }

  private static HttpRequest post(String base, String json, String authorization, String csrf) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + "/api/exports"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (csrf != null) {
      b.header("X-XSRF-TOKEN", csrf);
    }
    return b.build();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String cookie(CookieManager cookies, String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no cookie " + name));
  }
}
