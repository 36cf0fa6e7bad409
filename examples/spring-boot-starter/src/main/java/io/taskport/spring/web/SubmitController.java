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
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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
   */
  record ExportBody(String type, @Nullable String format, @Nullable Map<String, Object> params) {}

  @PostMapping(path = Paths.BASE + "/exports", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> export(@RequestBody ExportBody body, Owner user) {
    ExportRequest request =
        ExportRequest.of(body.type() == null ? "" : body.type(), user.name())
            .format(body.format() == null ? "csv" : body.format())
            .params(body.params());
    Submission s = tasks.submit(request);
    URI location = location(s);
    if (!s.created()) {
      return Problems.duplicate(s.id().value(), location);
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
  ResponseEntity<TaskView> importFile(HttpServletRequest request, Owner user) throws IOException {
    MultipartUpload.Upload upload = uploads.read(request);
    try {
      String type = upload.field("type");
      if (type == null || type.isBlank()) {
        throw new io.taskport.ValidationException("type", "send the import type in the field 'type'");
      }
      ImportRequest r =
          ImportRequest.of(type, user.name(), upload.fileName())
              .params(upload.field("params"))
              .check(isCheck(request, upload));
      Submission s;
      try (InputStream in = files.open(upload.file())) {
        s = tasks.submit(r, in);
      }
      return ResponseEntity.accepted().location(location(s)).body(TaskView.of(s.task()));
    } finally {
      uploads.discard(upload);
    }
  }

  /** Whether the upload asks for a check: {@code check=true} in the query string or the form. */
  private static boolean isCheck(HttpServletRequest request, MultipartUpload.Upload upload) {
    String field = upload.field("check");
    if (field != null) {
      return Boolean.parseBoolean(field.strip());
    }
    String query = request.getQueryString();
    if (query == null) {
      return false;
    }
    for (String pair : query.split("&")) {
      if (pair.equals("check=true") || pair.equals("check")) {
        return true;
      }
    }
    return false;
  }

  @GetMapping(Paths.BASE + "/imports/{type}/template")
  ResponseEntity<InputStreamResource> template(
      @PathVariable String type, @RequestParam(defaultValue = "csv") String format)
      throws IOException {
    String contentType = TEMPLATE_TYPES.get(format);
    if (contentType == null) {
      throw new io.taskport.ValidationException("format", "must be one of " + TEMPLATE_TYPES.keySet());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tasks.writeTemplate(type, format, out);
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
