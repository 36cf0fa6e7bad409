package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.LinkSigner;
import io.taskport.TaskId;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * RELIABILITY.md scenario 23(c): with {@code taskport.web.bind-links-to-user=true} a link downloads only
 * for the user it was issued to; another user, or nobody, gets the 403 of any bad link.
 */
@TestPropertySource(properties = "taskport.web.bind-links-to-user=true")
class BoundLinkTest extends ApiTestBase {
  private String id;
  private String url;
  private String forbiddenBody;

  @BeforeEach
  void annHasABoundLink() {
    id = export(701, 0);
    awaitStatus(ann(), id, "COMPLETED");
    url = Api.json(ann().get("/api/tasks/" + id + "/link?file=result")).get("url").asString();
    forbiddenBody = anonymous().get("/files/" + id + "?file=result&expires=1&signature=x").body();
  }

  @Test
  void boundLink_downloadsForItsUserOnly() {
    HttpResponse<byte[]> own = ann().getBytes(url);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(new String(own.body(), StandardCharsets.UTF_8)).contains("Name");
    assertRejected(bob().get(url));
    assertRejected(anonymous().get(url));
  }

  @Test
  void legacyStatusUrl_isBoundToo() {
    String legacy =
        Api.json(ann().get("/api/legacy/getTaskStatus?taskId=" + id)).get("url").asString();
    assertThat(ann().getBytes(legacy).statusCode()).isEqualTo(200);
    assertRejected(bob().get(legacy));
    assertRejected(anonymous().get(legacy));
  }

  /** An unbound link, valid in a deployment without binding, signed with the current key. */
  @Test
  void unboundLinkWithAValidSignature_isRejected() {
    LinkSigner unbound =
        LinkSigner.builder().key("k2", ApiTestBase.K2_SECRET.getBytes(StandardCharsets.UTF_8)).build();
    String link = DownloadLinks.url(unbound.sign(TaskId.of(id), "result", Duration.ofMinutes(5)));
    for (Api api : List.of(ann(), bob(), anonymous())) {
      assertRejected(api.get(link));
    }
  }

  /**
   * The server issues links to owners only; a link bound to bob for ann's task, minted with the
   * key, still downloads for neither of them.
   */
  @Test
  void linkBoundToAnotherUserThanTheOwner_isRejected() {
    LinkSigner signer =
        LinkSigner.builder().key("k2", ApiTestBase.K2_SECRET.getBytes(StandardCharsets.UTF_8)).build();
    String bobs =
        DownloadLinks.url(signer.signFor("bob", TaskId.of(id), "result", Duration.ofMinutes(5)));
    assertRejected(bob().get(bobs));
    assertRejected(ann().get(bobs));
    String anns =
        DownloadLinks.url(signer.signFor("ann", TaskId.of(id), "result", Duration.ofMinutes(5)));
    assertThat(ann().getBytes(anns).statusCode()).isEqualTo(200);
  }

  private void assertRejected(HttpResponse<String> r) {
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(withoutInstance(r.body())).isEqualTo(withoutInstance(forbiddenBody));
  }

  private static String withoutInstance(String body) {
    return body.replaceAll("\"instance\":\"[^\"]*\",?", "");
  }
}
