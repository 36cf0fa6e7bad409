package io.taskport.spring.web;

import io.taskport.FormatException;
import io.taskport.LimitExceededException;
import io.taskport.StoreException;
import io.taskport.TaskNotFoundException;
import io.taskport.TaskStateException;
import io.taskport.ValidationException;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.ConversionNotSupportedException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns failures into RFC 9457 problem details. A task of another user, an unknown id and a
 * malformed id get the very same 404 body, so nobody learns whether an id exists. Bodies carry no
 * {@code instance}, no stack trace and no internal path.
 */
@RestControllerAdvice(basePackageClasses = Problems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Problems extends ResponseEntityExceptionHandler {
  static final String NOT_FOUND_DETAIL = "No such task.";
  static final int MAX_ECHO = 200;
  static final long RETRY_AFTER_SECONDS = 5;
  private static final String NOT_JSON_EXAMPLE =
      "{\"type\": \"accounts\", \"format\": \"csv\", \"params\": {}}";
  private static final URI BLANK = URI.create("about:blank");

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Problems.class);

  private final Outages outages;

  Problems(Outages outages) {
    this.outages = outages;
  }

  @ExceptionHandler({TaskNotFoundException.class, TaskIds.NoSuchTaskException.class})
  ResponseEntity<ProblemDetail> notFound(WebRequest request) {
    return problem(HttpStatus.NOT_FOUND, "problem.notFound", locale(request));
  }

  @ExceptionHandler(OwnerArguments.NotSignedInException.class)
  ResponseEntity<ProblemDetail> notSignedIn(WebRequest request) {
    return problem(HttpStatus.UNAUTHORIZED, "problem.notSignedIn", locale(request));
  }

  @ExceptionHandler(ValidationException.class)
  ResponseEntity<ProblemDetail> invalid(ValidationException e, WebRequest request) {
    Locale l = locale(request);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, Languages.text(l, "problem.invalid"));
    p.setProperty(
        "errors",
        e.violations().stream()
            .map(v -> Map.of("field", excerpt(v.field()), "message", excerpt(v.message(l))))
            .toList());
    return send(p, HttpStatus.BAD_REQUEST, l);
  }

  /** 409: the request is well-formed but conflicts with the task's current status. */
  @ExceptionHandler(TaskStateException.class)
  ResponseEntity<ProblemDetail> state(TaskStateException e, WebRequest request) {
    Locale l = locale(request);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, excerpt(e.getMessage(l)));
    p.setProperty("taskStatus", e.status().name());
    return send(p, HttpStatus.CONFLICT, l);
  }

  @ExceptionHandler(LimitExceededException.class)
  ResponseEntity<ProblemDetail> tooLarge(LimitExceededException e, WebRequest request) {
    Locale l = locale(request);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONTENT_TOO_LARGE, Languages.text(l, "problem.tooLarge"));
    p.setProperty("limit", e.limit());
    p.setProperty("max", e.max());
    return send(p, HttpStatus.CONTENT_TOO_LARGE, l);
  }

  /** 400 or 413: an upload of the wrong shape or size; the detail says which and what to fix. */
  @ExceptionHandler(MultipartUpload.Refused.class)
  ResponseEntity<ProblemDetail> uploadRefused(MultipartUpload.Refused e, WebRequest request) {
    Locale l = locale(request);
    return send(ProblemDetail.forStatusAndDetail(e.status(), e.detail(l)), e.status(), l);
  }

  @ExceptionHandler(FormatException.class)
  ResponseEntity<ProblemDetail> badFile(FormatException e, WebRequest request) {
    Locale l = locale(request);
    return problem(
        HttpStatus.BAD_REQUEST, "problem.badFile", l, excerpt(e.getMessage(l)));
  }

  /**
   * 410: the task is there, but its file is gone (purged or deleted while the request ran). The
   * exception's message holds a storage path, so it never reaches the body.
   */
  @ExceptionHandler({NoSuchFileException.class, FileNotFoundException.class})
  ResponseEntity<ProblemDetail> fileGone(WebRequest request) {
    return problem(HttpStatus.GONE, "problem.fileGone", locale(request));
  }

  @ExceptionHandler(LinkRejectedException.class)
  ResponseEntity<ProblemDetail> badLink(WebRequest request) {
    return problem(HttpStatus.FORBIDDEN, "problem.badLink", locale(request));
  }

  @ExceptionHandler(TaskEvents.TooManyStreamsException.class)
  ResponseEntity<ProblemDetail> tooManyStreams(
      TaskEvents.TooManyStreamsException e, WebRequest request) {
    Locale l = locale(request);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.TOO_MANY_REQUESTS, Languages.text(l, "problem.tooManyStreams", e.limit()));
    p.setProperty("limit", e.limit());
    p.setTitle(Languages.text(l, "problem.tooManyStreams.title"));
    return send(p, HttpStatus.TOO_MANY_REQUESTS);
  }

  /**
   * 503 with {@code Retry-After}: the task store (or the file store) is down. Logged once per
   * outage by {@link Outages}, not once per request.
   */
  @ExceptionHandler({StoreException.class, IllegalStateException.class, UncheckedIOException.class})
  ResponseEntity<ProblemDetail> unavailable(RuntimeException e, WebRequest request) {
    outages.failed(e);
    Locale l = locale(request);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE, Languages.text(l, "problem.unavailable"));
    title(p, HttpStatus.SERVICE_UNAVAILABLE, l);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS))
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(typed(p));
  }

  /**
   * 500 for anything unforeseen, as a problem like every other answer: logged with its stack
   * trace, since it is a bug, and never shown to the caller.
   */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<ProblemDetail> unexpected(RuntimeException e, WebRequest request) {
    log.error("request failed unexpectedly", e);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "problem.unexpected", locale(request));
  }

  /** 400: a form field of the wrong shape, such as a file where text is expected. */
  @Override
  protected ResponseEntity<Object> handleConversionNotSupported(
      ConversionNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Locale l = locale(request);
    String field =
        ex.getPropertyName() == null
            ? Languages.text(l, "problem.aField")
            : "'" + excerpt(ex.getPropertyName()) + "'";
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, Languages.text(l, "problem.wrongShape", field));
    return badRequest(p, l);
  }

  /** 400: the body is not the JSON it should be; the parser's message is not shown. */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Locale l = locale(request);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            Languages.text(l, "problem.notJson", NOT_JSON_EXAMPLE));
    return badRequest(p, l);
  }

  /** 400: a query parameter of the wrong type, such as {@code size=abc}, as a field error. */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    Class<?> type = ex.getRequiredType();
    String key =
        type == null
            ? "request.badValue"
            : switch (type.getName()) {
              case "int", "long", "java.lang.Integer", "java.lang.Long" -> "request.wholeNumber";
              case "boolean", "java.lang.Boolean" -> "request.trueOrFalse";
              default -> "request.badValue";
            };
    String field = ex.getPropertyName() == null ? "" : ex.getPropertyName();
    return fieldProblem(field, key, request);
  }

  /** 400: a required query parameter is missing, as a field error. */
  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return fieldProblem(ex.getParameterName(), "request.missing", request);
  }

  /** One field and what it must be, answered as {@link #invalid} answers a ValidationException. */
  private ResponseEntity<Object> fieldProblem(String field, String key, WebRequest request) {
    ResponseEntity<ProblemDetail> r =
        invalid(new ValidationException(field, Languages.WEB.key(key)), request);
    return ResponseEntity.status(r.getStatusCode()).headers(r.getHeaders()).body(r.getBody());
  }

  /** A 400 problem with its title in the user's language, for Spring's own handlers. */
  private static ResponseEntity<Object> badRequest(ProblemDetail p, Locale l) {
    title(p, HttpStatus.BAD_REQUEST, l);
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(typed(p));
  }

  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @org.jspecify.annotations.Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    if (body instanceof ProblemDetail p) {
      typed(p);
      p.setInstance(null);
      title(p, HttpStatus.resolve(statusCode.value()), locale(request));
      if (p.getDetail() != null) {
        p.setDetail(excerpt(p.getDetail()));
      }
    }
    HttpHeaders copy = HttpHeaders.copyOf(headers);
    copy.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(body, copy, statusCode);
  }

  /**
   * Returns the text cut to {@value #MAX_ECHO} characters: messages may quote what the user sent,
   * and an answer never repeats a large input.
   */
  static String excerpt(String text) {
    return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
  }

  static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String key, Locale locale, Object... args) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, Languages.text(locale, key, args));
    return send(p, status, locale);
  }

  static ResponseEntity<ProblemDetail> send(ProblemDetail p, HttpStatus status) {
    typed(p);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  /** Spells out the type and title the body could leave implicit, so every problem has both. */
  static ProblemDetail typed(ProblemDetail p) {
    if (p.getType() == null) {
      p.setType(BLANK);
    }
    if (p.getTitle() == null) {
      HttpStatus s = HttpStatus.resolve(p.getStatus());
      p.setTitle(s == null ? "Error" : s.getReasonPhrase());
    }
    return p;
  }

  /** Sends a problem with its title in the user's language. */
  static ResponseEntity<ProblemDetail> send(ProblemDetail p, HttpStatus status, Locale locale) {
    title(p, status, locale);
    return send(p, status);
  }

  /**
   * Puts the status's title in the user's language; in English the title stays Spring's reason
   * phrase, as before.
   */
  static void title(ProblemDetail p, @org.jspecify.annotations.Nullable HttpStatus status, Locale l) {
    if (status != null && !l.getLanguage().equals("en")) {
      String key = "title." + status.value();
      if (Languages.WEB.has(key)) {
        p.setTitle(Languages.text(l, key));
      }
    }
  }

  /** Returns the language of the request's {@code Accept-Language}, English by default. */
  static Locale locale(WebRequest request) {
    return Languages.of(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
  }

  /** The 409 of a duplicate export: the active twin's id in the body and the Location header. */
  static ResponseEntity<ProblemDetail> duplicate(String taskId, URI location, Locale locale) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT, Languages.text(locale, "problem.duplicate"));
    p.setTitle(Languages.text(locale, "problem.duplicate.title"));
    p.setProperty("taskId", taskId);
    typed(p);
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .location(location)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(p);
  }
}
