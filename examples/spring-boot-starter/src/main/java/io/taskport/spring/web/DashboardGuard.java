package io.taskport.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets only holders of the dashboard role reach the operator dashboard (its page and its JSON
 * API); everyone else gets 403 with a problem-details body. Runs after the security filters, so
 * {@link HttpServletRequest#isUserInRole} sees the signed-in user (with Spring Security, role
 * {@code X} is authority {@code ROLE_X}).
 */
final class DashboardGuard extends OncePerRequestFilter {
  private static final String BODY =
      "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
          + "\"detail\":\"The operator dashboard needs another role.\"}";

  private final String role;

  DashboardGuard(String role) {
    this.role = role;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.isUserInRole(role)) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/problem+json");
    response.setHeader("Cache-Control", "no-store");
    response.getOutputStream().write(BODY.getBytes(StandardCharsets.UTF_8));
  }
}
