package io.taskport.spring.web;

/** The request paths of the web layer; {@link #BASE} is resolved from the environment. */
final class Paths {
  /** {@code taskport.web.base-path}, {@code /api} by default. */
  static final String BASE = "${taskport.web.base-path:" + TaskportWebProperties.DEFAULT_BASE_PATH + "}";

  /** The signed download path, outside the base path so that it needs no session. */
  static final String FILES = "/files";

  private Paths() {}
}
