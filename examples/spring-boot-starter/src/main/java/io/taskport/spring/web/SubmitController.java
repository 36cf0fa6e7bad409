package io.taskport.spring.web;

import io.taskport.ExportRequest;
import io.taskport.ImportRequest;
import io.taskport.Submission;
import io.taskport.TaskManager;
import io.taskport.file.FileStore;
import io.taskport.spring.boot.TaskportProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Registers exports and imports, and serves import templates. A submit answers 202 with the task
 * and its {@code Location}. Submitting an export identical to one of the user's active exports
 * (same type, format and params) answers 409 with that task's id in the body and its Location,
 * instead of starting a twin. An import with {@code check=true} (a query or form parameter) only
 * checks the file; {@code POST {base}/tasks/{id}/confirm} then loads it.
 */
@RestController
class SubmitController {
  private static final Map<String, String> TEMPLATE_TYPES =
      Map.of(
          "csv", "text/csv",
          "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  private final TaskManager tasks;
  private final String base;
  private final FileStore files;
  private final MultipartUpload uploads;

  SubmitController(
      TaskManager tasks, TaskportWebProperties web, FileStore files, TaskportProperties properties) {
    this.tasks = tasks;
    this.files = files;
    this.uploads = new MultipartUpload(files, properties.getMaxUploadSize().toBytes());
    this.base = web.getBasePath();
  }

  /**
   * The body of an export request.
   *
   * @param type the export type, such as {@code accounts}
   * @param format {@code csv} (default) or {@code xlsx}
   * @param params the export's params
   * @param columns the keys of the columns to write, in order; all columns when absent or empty
   */
  record ExportBody(
      String type,
      @Nullable String format,
      @Nullable Map<String, Object> params,
      @Nullable List<String> columns) {}

  @PostMapping(path = Paths.BASE + "/exports", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> export(
      @RequestBody ExportBody body,
      Owner user,
      @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String lang) {
    Locale locale = Languages.of(lang);
    ExportRequest request =
        ExportRequest.of(body.type() == null ? "" : body.type(), user.name())
            .format(body.format() == null ? "csv" : body.format())
            .params(body.params())
            .columns(body.columns() == null ? List.of() : body.columns())
            .locale(Languages.forTask(locale));
    Submission s = tasks.submit(request);
    URI location = location(s);
    if (!s.created()) {
      return Problems.duplicate(s.id().value(), location, locale);
    }
    return ResponseEntity.accepted().location(location).body(TaskView.of(s.task()));
  }

  /**
   * Reads the form straight from the body ({@link MultipartUpload}): the text fields {@code
   * type} and {@code params} (optional) and the file {@code file}. {@code check=true}, in the query
   * string or as a field, only checks the file until it is confirmed. The stored upload is handed to
   * the manager and deleted afterwards, whatever the outcome.
   */
  @PostMapping(path = Paths.BASE + "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<TaskView> importFile(
      HttpServletRequest request,
      Owner user,
      @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String lang)
      throws IOException {
    MultipartUpload.Upload upload = uploads.read(request);
    try {
      String type = upload.field("type");
      if (type == null || type.isBlank()) {
        throw new io.taskport.ValidationException("type", Languages.WEB.key("request.noType"));
      }
      ImportRequest r =
          ImportRequest.of(type, user.name(), upload.fileName())
              .params(upload.field("params"))
              .check(checkFirst(request, upload))
              .locale(Languages.forTask(Languages.of(lang)));
      Submission s;
      try (InputStream in = files.open(upload.file())) {
        s = tasks.submit(r, in);
      }
      return ResponseEntity.accepted().location(location(s)).body(TaskView.of(s.task()));
    } finally {
      uploads.discard(upload);
    }
  }

  /** Whether {@code check=true} came as a query parameter or as a form field. */
  private static boolean checkFirst(HttpServletRequest request, MultipartUpload.Upload upload) {
    String query = request.getQueryString();
    String fromQuery =
        query == null
            ? null
            : UriComponentsBuilder.newInstance().query(query).build().getQueryParams()
                .getFirst("check");
    return "true".equalsIgnoreCase(fromQuery) || "true".equalsIgnoreCase(upload.field("check"));
  }

  @GetMapping(Paths.BASE + "/imports/{type}/template")
  ResponseEntity<InputStreamResource> template(
      @PathVariable String type,
      @RequestParam(defaultValue = "csv") String format,
      @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String lang)
      throws IOException {
    Locale locale = Languages.of(lang);
    String contentType = TEMPLATE_TYPES.get(format);
    if (contentType == null) {
      throw new io.taskport.ValidationException(
          "format", Languages.WEB.key("problem.templateFormat", TEMPLATE_TYPES.keySet()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tasks.writeTemplate(type, format, locale, out);
    byte[] bytes = out.toByteArray();
    return Downloads.bytes(
        type + "-template." + format,
        contentType,
        bytes.length,
        new ByteArrayInputStream(bytes));
  }

  private URI location(Submission s) {
    return URI.create(base + "/tasks/" + s.id().value());
  }
}
