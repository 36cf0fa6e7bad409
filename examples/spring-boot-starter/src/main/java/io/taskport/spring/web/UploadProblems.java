package io.taskport.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Problem details for uploads the servlet container refused while parsing them, before any
 * controller was chosen. It answers only requests under the base path, and passes every other
 * request on to the application's own handling.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadProblems {
  private static final Logger log = LoggerFactory.getLogger(UploadProblems.class);
  private final String base;

  UploadProblems(TaskportWebProperties web) {
    this.base = web.getBasePath();
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request)
      throws MaxUploadSizeExceededException {
    if (!ours(request)) {
      throw e;
    }
    Locale l = Languages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    if (partHeadersTooLong(e)) {
      return Problems.problem(HttpStatus.BAD_REQUEST, "problem.partHeaders", l);
    }
    return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "problem.tooLarge", l);
  }

  /** 400: the body is not the multipart form it claims to be (truncated, wrong boundary). */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> malformed(MultipartException e, HttpServletRequest request)
      throws MultipartException {
    if (!ours(request)) {
      throw e;
    }
    log.debug("malformed multipart request: {}", e.getMessage());
    return Problems.problem(
        HttpStatus.BAD_REQUEST,
        "problem.malformedUpload",
        Languages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)));
  }

  /**
   * Whether the container refused a part's headers rather than the size of the body: Tomcat
   * limits the headers of each part (512 bytes by default), and Spring reports that limit as an
   * upload that is too large.
   */
  private static boolean partHeadersTooLong(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.toLowerCase(Locale.ROOT).contains("header")) {
        return true;
      }
    }
    return false;
  }

  private boolean ours(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals(base) || path.startsWith(base + "/");
  }
}
