package io.taskport.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Problem details for uploads the servlet container refused while parsing them, before any
 * controller was chosen. It answers only requests under the base path, and passes every other
 * request on to the application's own handling.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadProblems {
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
    return Problems.problem(HttpStatus.CONTENT_TOO_LARGE, "The upload is too large.");
  }

  private boolean ours(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals(base) || path.startsWith(base + "/");
  }
}
