package io.taskport.spring.web;

/** A signed download link failed verification; always the same 403 body, whatever was wrong. */
final class LinkRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LinkRejectedException() {
    super("link rejected", null, false, false);
  }
}
