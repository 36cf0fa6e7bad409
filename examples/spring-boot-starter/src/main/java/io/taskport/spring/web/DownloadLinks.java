package io.taskport.spring.web;

import io.taskport.LinkSigner;
import io.taskport.TaskId;
import io.taskport.spring.boot.TaskportProperties;
import org.jspecify.annotations.Nullable;

/**
 * Issues and checks the signed download links of {@code /files/{id}}. With {@code
 * taskport.web.bind-links-to-user=true} a link's signature also covers the user it was issued to, and it
 * downloads only for a request signed in as that user; by default (false) it works without a
 * session.
 */
class DownloadLinks {
  private final LinkSigner signer;
  private final TaskportProperties properties;
  private final boolean bindPrincipal;

  DownloadLinks(
      LinkSigner signer,
      TaskportProperties properties,
      TaskportWebProperties web) {
    this.signer = signer;
    this.properties = properties;
    this.bindPrincipal = web.isBindLinksToUser();
  }

  /** Returns a link for the user's task, bound to the user if binding is on. */
  LinkSigner.SignedLink sign(TaskId id, String file, String user) {
    return bindPrincipal
        ? signer.signFor(user, id, file, properties.getLink().getTtl())
        : signer.sign(id, file, properties.getLink().getTtl());
  }

  /** Returns the path and query of a link. */
  static String url(LinkSigner.SignedLink link) {
    return Paths.FILES + "/" + link.taskId().value() + "?" + link.query();
  }

  /** Returns whether the link verifies for this request's user ({@code null}: anonymous). */
  boolean verify(
      @Nullable String user, TaskId id, String file, long expires, String kid, String signature) {
    return bindPrincipal
        ? signer.verifyFor(user, id, file, expires, kid, signature)
        : signer.verify(id, file, expires, kid, signature);
  }

  /**
   * Returns whether this request's user may download the owner's file through a verified link:
   * anyone without binding; with it only the owner, since links are issued to owners alone (a link
   * bound to someone else could only come from a holder of the key).
   */
  boolean allows(@Nullable String user, String owner) {
    return !bindPrincipal || (user != null && user.equals(owner));
  }
}
