package io.taskport.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The default owner: the name of Spring Security's authenticated, non-anonymous principal. */
final class SecurityOwnerResolver implements OwnerResolver {
  @Override
  public @Nullable String owner(HttpServletRequest request) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
      return null;
    }
    String name = auth.getName();
    return name == null || name.isEmpty() ? null : name;
  }
}
