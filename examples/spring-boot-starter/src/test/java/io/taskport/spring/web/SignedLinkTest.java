package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.LinkSigner;
import io.taskport.TaskId;
import io.taskport.file.FileRef;
import io.taskport.file.FileStore;
import io.taskport.file.LocalFileStore;
import io.taskport.store.TaskStore;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
  @Autowired TaskStore store;
  @Autowired FileStore files;

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

  /** Binding is off here: a link is a bearer token, whoever is signed in. */
  @Test
  void unboundLink_worksForAnyUserToo() {
    assertThat(bob().getBytes(url).statusCode()).isEqualTo(200);
    assertThat(ann().getBytes(url).statusCode()).isEqualTo(200);
  }

  @Test
  void everyTamperedLink_isRejectedAlike() {
    String sig = param("signature");
    String expires = param("expires");
    assertThat(param("kid")).isEqualTo("k2");
    String path = "/files/" + id;
    String k = "&kid=k2";
    List<String> bad = new ArrayList<>();
    bad.add(path + "?file=result&expires=" + expires + k + "&signature=" + flipBit(sig));
    bad.add(path + "?file=result&expires=" + expires + k + "&signature=" + sig.substring(0, sig.length() - 1));
    bad.add(path + "?file=result&expires=" + expires + k);
    bad.add(path + "?file=result&expires=" + expires + k + "&signature=");
    bad.add(path + "?file=errors&expires=" + expires + k + "&signature=" + sig);
    bad.add(path + "?file=../result&expires=" + expires + k + "&signature=" + sig);
    bad.add("/files/" + UUID.randomUUID() + "?file=result&expires=" + expires + k + "&signature=" + sig);
    bad.add(path + "?file=result&expires=" + (Long.parseLong(expires) + 1) + k + "&signature=" + sig);
    bad.add(path + "?file=result&expires=+" + expires + k + "&signature=" + sig);
    bad.add(path + "?file=result&expires=0" + expires + k + "&signature=" + sig);
    bad.add(path + "?file=result&expires=" + expires + k + "&signature=" + sig.toUpperCase(Locale.ROOT));
    bad.add(path + "?file=result&expires=" + expires + k + "&signature=" + sig.replace("_", "%255F").replace("-", "%252D") + "%253D");
    bad.add(path + "?file=result&expires=" + expires + k + "&signature=" + sig + "%3D");
    bad.add(path + "?file=result&expires=abc" + k + "&signature=" + sig);
    // the key id: another active key, a retired one, an unknown one, none, another spelling
    bad.add(path + "?file=result&expires=" + expires + "&kid=k1&signature=" + sig);
    bad.add(path + "?file=result&expires=" + expires + "&kid=k0&signature=" + sig);
    bad.add(path + "?file=result&expires=" + expires + "&kid=k9&signature=" + sig);
    bad.add(path + "?file=result&expires=" + expires + "&signature=" + sig);
    bad.add(path + "?file=result&expires=" + expires + "&kid=K2&signature=" + sig);
    bad.add(path + "?file=result&expires=" + expires + "&kid=%256B2&signature=" + sig);
    // validly signed, but with a retired key, or a key this deployment never had
    bad.add(minted("k0", ApiTestBase.K0_SECRET, Duration.ofMinutes(5)));
    bad.add(minted("k9", "unknown-key-unknown-key-unknown-key", Duration.ofMinutes(5)));
    bad.add(minted("k1", ApiTestBase.K2_SECRET, Duration.ofMinutes(5)));
    bad.add(minted("k1", ApiTestBase.K1_SECRET, Duration.ofMinutes(5)).replace("&kid=k1&", "&kid=k2&"));
    for (String link : bad) {
      HttpResponse<String> r = anonymous().get(link);
      assertThat(r.statusCode()).as(link).isEqualTo(403);
      assertThat(withoutInstance(r.body())).as(link).isEqualTo(withoutInstance(forbiddenBody));
    }
  }

  @Test
  void reorderedParams_stillWork() {
    String link =
        "/files/" + id + "?signature=" + param("signature") + "&kid=k2&expires=" + param("expires")
            + "&file=result";
    assertThat(anonymous().getBytes(link).statusCode()).isEqualTo(200);
  }

  /**
   * Rotation: links from the deployment before it (k1 current) still download now that k2 signs;
   * links of the retired k0 are refused like any bad link. {@code LinkKeysTest} walks k1 through
   * all stages.
   */
  @Test
  void rotation_linksOfAnActiveOldKeyWork_ofARetiredKeyAreRejected() {
    assertThat(anonymous().getBytes(minted("k1", ApiTestBase.K1_SECRET, Duration.ofMinutes(5))).statusCode())
        .isEqualTo(200);
    HttpResponse<String> retired = anonymous().get(minted("k0", ApiTestBase.K0_SECRET, Duration.ofMinutes(5)));
    assertThat(retired.statusCode()).isEqualTo(403);
    assertThat(withoutInstance(retired.body())).isEqualTo(withoutInstance(forbiddenBody));
  }

  /** Expiry is judged by the server's clock, with the default 30 s skew. */
  @Test
  void expiredLink_isRejected_oneSecondPastTheSkew() {
    long expires = Long.parseLong(param("expires"));
    long now = java.time.Instant.now().getEpochSecond();
    clock.advance(Duration.ofSeconds(expires - now + 30 - 1));
    assertThat(anonymous().getBytes(url).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(2));
    HttpResponse<String> r = anonymous().get(url);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(withoutInstance(r.body())).isEqualTo(withoutInstance(forbiddenBody));
  }

  @Test
  void validLinkOfADeletedTask_is404_andTheFileIsGone() {
    FileRef ref = store.get(TaskId.of(id)).orElseThrow().result().file();
    assertThat(ref).isNotNull();
    assertThat(ann().delete("/api/tasks/" + id).statusCode()).isEqualTo(204);
    HttpResponse<String> r = anonymous().get(url);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(Api.json(r).get("detail").asString()).isEqualTo(Problems.NOT_FOUND_DETAIL);
    assertThatThrownBy(() -> files.open(ref).close()).isInstanceOf(IOException.class);
  }

  /** The task is still there but its file vanished (a purge racing the download): 410, no path. */
  @Test
  void validLinkOfAVanishedFile_is410_andNamesNoPath() throws IOException {
    FileRef ref = store.get(TaskId.of(id)).orElseThrow().result().file();
    assertThat(files.delete(ref)).isTrue();
    for (HttpResponse<String> r : List.of(anonymous().get(url), ann().get("/api/tasks/" + id + "/file"))) {
      assertThat(r.statusCode()).isEqualTo(410);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(r.body())
          .contains("no longer available")
          .doesNotContain(ref.key())
          .doesNotContain(((LocalFileStore) files).root().toString())
          .doesNotContain("Exception");
    }
  }

  @Test
  void xlsxDownload_carriesTheSpreadsheetContentType_andSafeHeaders() {
    var r =
        ann()
            .postJson(
                "/api/exports",
                "{\"type\":\"accounts\",\"format\":\"xlsx\",\"params\":{\"rows\":444,\"pace\":0}}");
    assertThat(r.statusCode()).isEqualTo(202);
    String xlsx = Api.json(r).get("id").asString();
    awaitStatus(ann(), xlsx, "COMPLETED");
    String link = Api.json(ann().get("/api/tasks/" + xlsx + "/link")).get("url").asString();
    for (HttpResponse<byte[]> d :
        List.of(anonymous().getBytes(link), ann().getBytes("/api/tasks/" + xlsx + "/file"))) {
      assertThat(d.statusCode()).isEqualTo(200);
      assertThat(d.headers().firstValue("Content-Type"))
          .hasValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
      assertThat(d.headers().firstValue("Content-Disposition"))
          .hasValue("attachment; filename=\"accounts.xlsx\"");
      assertThat(d.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(d.headers().allValues("Cache-Control")).containsExactly("no-store, private");
      assertThat(d.body()).startsWith(new byte[] {'P', 'K', 3, 4});
    }
  }

  @Test
  void linkOfAnUnfinishedTaskOrMissingFile_isNotIssued() {
    String running = export(199_003, 200);
    assertThat(ann().get("/api/tasks/" + running + "/link?file=result").statusCode()).isEqualTo(409);
    assertThat(ann().get("/api/tasks/" + id + "/link?file=errors").statusCode()).isEqualTo(409);
    assertThat(ann().get("/api/tasks/" + id + "/link?file=other").statusCode()).isEqualTo(400);
    ann().post("/api/tasks/" + running + "/cancel");
  }

  /** A link for ann's file as another deployment, holding only this key, would sign it. */
  private String minted(String kid, String secret, Duration ttl) {
    LinkSigner other =
        LinkSigner.builder().key(kid, secret.getBytes(StandardCharsets.UTF_8)).clock(clock).build();
    return "/files/" + id + "?" + other.sign(TaskId.of(id), "result", ttl).query();
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
