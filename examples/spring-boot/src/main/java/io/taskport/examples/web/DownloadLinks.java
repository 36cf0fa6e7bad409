package io.taskport.examples.web;

import io.taskport.LinkSigner;
import io.taskport.TaskId;
import io.taskport.spring.boot.TaskportProperties;
import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the signed download links of {@code /files/{id}}. With {@code
 * demo.links.bind-principal=true} a link's signature also covers the user it was issued to, and it
 * downloads only for a request signed in as that user; by default (false) it works without a
 * session.
 */
@Component
class DownloadLinks {
  private final LinkSigner signer;
  private final TaskportProperties properties;
  private final boolean bindPrincipal;

  DownloadLinks(
      LinkSigner signer,
      TaskportProperties properties,
      @Value("${demo.links.bind-principal:false}") boolean bindPrincipal) {
    this.signer = signer;
    this.properties = properties;
    this.bindPrincipal = bindPrincipal;
  }

  /** Returns a link for the user's task, bound to the user if binding is on. */
  LinkSigner.SignedLink sign(TaskId id, String file, String user) {
    return bindPrincipal
        ? signer.signFor(user, id, file, properties.getLink().getTtl())
        : signer.sign(id, file, properties.getLink().getTtl());
  }

  /** Returns the path and query of a link. */
  static String url(LinkSigner.SignedLink link) {
    return "/files/" + link.taskId().value() + "?" + link.query();
  }

  /** Returns whether the link verifies for this request's user ({@code null}: anonymous). */
  boolean verify(
      @Nullable Principal user, TaskId id, String file, long expires, String kid, String signature) {
    return bindPrincipal
        ? signer.verifyFor(user == null ? null : user.getName(), id, file, expires, kid, signature)
        : signer.verify(id, file, expires, kid, signature);
  }

  /**
   * Returns whether this request's user may download the owner's file through a verified link:
   * anyone without binding; with it only the owner, since links are issued to owners alone (a link
   * bound to someone else could only come from a holder of the key).
   */
  boolean allows(@Nullable Principal user, String owner) {
    return !bindPrincipal || (user != null && user.getName().equals(owner));
  }
}
