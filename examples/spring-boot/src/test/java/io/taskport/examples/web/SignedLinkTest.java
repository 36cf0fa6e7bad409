package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** RELIABILITY.md scenarios 22 and 23: only the untouched link downloads, without a session. */
class SignedLinkTest extends ApiTestBase {
  @Autowired MovableClock clock;

  private String id;
  private String url;
  private String forbiddenBody;

  @BeforeEach
  void annHasAFile() {
    id = export(700, 0);
    awaitStatus(ann(), id, "COMPLETED");
    url = Api.json(ann().get("/api/tasks/" + id + "/link?file=result")).get("url").asString();
    forbiddenBody = anonymous().get("/files/" + id + "?file=result&expires=1&signature=x").body();
  }

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void untouchedLink_downloadsWithoutASession() {
    HttpResponse<byte[]> r = anonymous().getBytes(url);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"accounts.csv\"");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().allValues("Cache-Control")).containsExactly("no-store, private");
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
  }

  @Test
  void everyTamperedLink_isRejectedAlike() {
    String sig = param("signature");
    String expires = param("expires");
    String path = "/files/" + id;
    List<String> bad = new ArrayList<>();
    bad.add(path + "?file=result&expires=" + expires + "&signature=" + flipBit(sig));
    bad.add(path + "?file=result&expires=" + expires + "&signature=" + sig.substring(0, sig.length() - 1));
    bad.add(path + "?file=result&expires=" + expires);
    bad.add(path + "?file=result&expires=" + expires + "&signature=");
    bad.add(path + "?file=errors&expires=" + expires + "&signature=" + sig);
    bad.add(path + "?file=../result&expires=" + expires + "&signature=" + sig);
    bad.add("/files/" + UUID.randomUUID() + "?file=result&expires=" + expires + "&signature=" + sig);
    bad.add(path + "?file=result&expires=" + (Long.parseLong(expires) + 1) + "&signature=" + sig);
    bad.add(path + "?file=result&expires=+" + expires + "&signature=" + sig);
    bad.add(path + "?file=result&expires=0" + expires + "&signature=" + sig);
    bad.add(path + "?file=result&expires=" + expires + "&signature=" + sig.toUpperCase(Locale.ROOT));
    bad.add(path + "?file=result&expires=" + expires + "&signature=" + sig.replace("_", "%255F").replace("-", "%252D") + "%253D");
    bad.add(path + "?file=result&expires=" + expires + "&signature=" + sig + "%3D");
    bad.add(path + "?file=result&expires=abc&signature=" + sig);
    for (String link : bad) {
      HttpResponse<String> r = anonymous().get(link);
      assertThat(r.statusCode()).as(link).isEqualTo(403);
      assertThat(withoutInstance(r.body())).as(link).isEqualTo(withoutInstance(forbiddenBody));
    }
  }

  @Test
  void reorderedParams_stillWork() {
    String link =
        "/files/" + id + "?signature=" + param("signature") + "&expires=" + param("expires") + "&file=result";
    assertThat(anonymous().getBytes(link).statusCode()).isEqualTo(200);
  }

  @Test
  void expiredLink_isRejected_oneSecondLate() {
    long expires = Long.parseLong(param("expires"));
    long now = java.time.Instant.now().getEpochSecond();
    clock.advance(Duration.ofSeconds(expires - now - 1));
    assertThat(anonymous().getBytes(url).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(2));
    HttpResponse<String> r = anonymous().get(url);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(withoutInstance(r.body())).isEqualTo(withoutInstance(forbiddenBody));
  }

  @Test
  void validLinkOfADeletedTask_is404() {
    assertThat(ann().delete("/api/tasks/" + id).statusCode()).isEqualTo(204);
    HttpResponse<String> r = anonymous().get(url);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(Api.json(r).get("detail").asString()).isEqualTo(Problems.NOT_FOUND_DETAIL);
  }

  @Test
  void linkOfAnUnfinishedTaskOrMissingFile_isNotIssued() {
    String running = export(199_003, 200);
    assertThat(ann().get("/api/tasks/" + running + "/link?file=result").statusCode()).isEqualTo(409);
    assertThat(ann().get("/api/tasks/" + id + "/link?file=errors").statusCode()).isEqualTo(409);
    assertThat(ann().get("/api/tasks/" + id + "/link?file=other").statusCode()).isEqualTo(400);
    ann().post("/api/tasks/" + running + "/cancel");
  }

  private String param(String name) {
    for (String kv : url.substring(url.indexOf('?') + 1).split("&")) {
      if (kv.startsWith(name + "=")) {
        return kv.substring(name.length() + 1);
      }
    }
    throw new AssertionError("no " + name + " in " + url);
  }

  private static String flipBit(String s) {
    char c = s.charAt(5);
    char flipped = (char) (c ^ 1);
    if (!Character.isLetterOrDigit(flipped)) {
      flipped = c == 'A' ? 'B' : 'A';
    }
    return s.substring(0, 5) + flipped + s.substring(6);
  }

  private static String withoutInstance(String body) {
    return body.replaceAll("\"instance\":\"[^\"]*\",?", "");
  }
}
