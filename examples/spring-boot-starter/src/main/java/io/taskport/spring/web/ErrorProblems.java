package io.taskport.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers every error under the base path (and of the signed download path) as an RFC 9457
 * problem, also those that no Taskport controller sees: Spring Security's 401 (its {@code
 * WWW-Authenticate} header kept) and 403, and Spring MVC's 404 of an unmapped path, 405, 406 and
 * 415. They all end in {@code sendError}, which here writes the problem instead of handing the
 * request to the container's error page. The filter runs before Spring Security's; for Taskport
 * uploads it also hides the body from parameter lookups ({@link UploadRequests}).
 */
final class ErrorProblems extends OncePerRequestFilter {
  private final String base;

  ErrorProblems(String base) {
    this.base = base;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !(path.equals(base)
        || path.startsWith(base + "/")
        || path.startsWith(Paths.FILES + "/"));
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpServletRequest r =
        UploadRequests.isUpload(request, base) ? UploadRequests.queryParametersOnly(request) : request;
    chain.doFilter(r, new ProblemResponse(response));
  }

  /** The detail of a problem the web layer did not write itself, by status. */
  static String detail(int status, HttpServletResponse response) {
    return switch (status) {
      case 400 -> "The request is not valid.";
      case 401 -> "Sign in first: send your credentials as the WWW-Authenticate header asks.";
      case 403 -> "You may not do this: sign in as a user who may, or reload the page to get a"
          + " fresh CSRF token.";
      case 404 -> "There is nothing at this path: check the path against the API's paths.";
      case 405 -> {
        String allow = response.getHeader(HttpHeaders.ALLOW);
        yield "This path does not accept this method"
            + (allow == null || allow.isEmpty() ? "." : "; use " + allow + ".");
      }
      case 406 -> "The API answers application/json (and text/event-stream for event streams):"
          + " accept one of them.";
      case 415 -> "The body has the wrong content type: send application/json, or"
          + " multipart/form-data for uploads.";
      default -> {
        HttpStatus s = HttpStatus.resolve(status);
        yield s == null ? "The request failed." : s.getReasonPhrase() + ".";
      }
    };
  }

  private static final class ProblemResponse extends HttpServletResponseWrapper {
    ProblemResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      sendError(status);
    }

    @Override
    public void sendError(int status) throws IOException {
      HttpServletResponse response = (HttpServletResponse) getResponse();
      if (response.isCommitted()) {
        response.sendError(status);
        return;
      }
      HttpStatus known = HttpStatus.resolve(status);
      String title = known == null ? "Error" : known.getReasonPhrase();
      String body =
          "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
              + ",\"detail\":\"" + detail(status, response).replace("\"", "'") + "\"}";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      response.resetBuffer();
      response.setStatus(status);
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setContentLength(bytes.length);
      response.getOutputStream().write(bytes);
      response.flushBuffer();
    }
  }
}
