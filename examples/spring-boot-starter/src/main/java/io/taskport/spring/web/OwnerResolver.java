package io.taskport.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Says who owns the tasks of a web request. Every call of the web layer asks it; a request whose
 * owner is {@code null} is answered 401. Define a bean to replace the default, which takes the
 * authenticated principal's name from Spring Security. Called on the request thread; it may block
 * briefly (a token lookup), and must be thread-safe.
 */
@FunctionalInterface
public interface OwnerResolver {
  /**
   * Returns the owner of the tasks this request may see, or {@code null} for an anonymous request.
   *
   * @param request the current request
   * @return the owner, or {@code null}
   */
  @Nullable String owner(HttpServletRequest request);
}
