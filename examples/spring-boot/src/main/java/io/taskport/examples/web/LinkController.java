package io.taskport.examples.web;

import io.taskport.LinkSigner;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.ValidationException;
import io.taskport.spring.boot.TaskportProperties;
import io.taskport.store.TaskStore;
import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signed, expiring download links. {@code GET /api/tasks/{id}/link} gives the owner a URL that
 * works without a session until it expires. {@code GET /files/{id}} checks the signature (any
 * change to id, file, expiry, key id or signature, an unknown or retired key, or expiry itself,
 * gives the same 403), then checks that the task still exists and is COMPLETED with that file
 * (else the usual 404).
 */
@RestController
class LinkController {
  private final TaskManager tasks;
  private final TaskStore store;
  private final LinkSigner signer;
  private final TaskportProperties properties;

  LinkController(
      TaskManager tasks, TaskStore store, LinkSigner signer, TaskportProperties properties) {
    this.tasks = tasks;
    this.store = store;
    this.signer = signer;
    this.properties = properties;
  }

  /**
   * A signed link.
   *
   * @param url the path and query to fetch, relative to the application
   * @param expiresAt when it stops working
   */
  record LinkView(String url, Instant expiresAt) {}

  @GetMapping("/api/tasks/{id}/link")
  LinkView link(
      @PathVariable String id, @RequestParam(defaultValue = "result") String file, Principal user) {
    boolean errors = kind(file);
    TaskId taskId = TaskIds.parse(id);
    FileResponses.ref(tasks.get(taskId, user.getName()), errors);
    LinkSigner.SignedLink link = signer.sign(taskId, file, properties.getLink().getTtl());
    return new LinkView(
        "/files/" + taskId.value() + "?" + link.query(), Instant.ofEpochSecond(link.expires()));
  }

  @GetMapping("/files/{id}")
  ResponseEntity<InputStreamResource> download(
      @PathVariable String id,
      @RequestParam(required = false) String file,
      @RequestParam(required = false) String expires,
      @RequestParam(required = false) String kid,
      @RequestParam(required = false) String signature)
      throws IOException {
    TaskId taskId = verified(id, file, expires, kid, signature);
    Optional<Task> task = store.get(taskId);
    if (task.isEmpty() || task.get().status() != TaskStatus.COMPLETED) {
      throw new TaskIds.NoSuchTaskException();
    }
    try {
      return FileResponses.result(tasks, taskId, task.get().owner(), "errors".equals(file));
    } catch (io.taskport.TaskStateException e) {
      throw new TaskIds.NoSuchTaskException();
    }
  }

  private TaskId verified(String id, String file, String expires, String kid, String signature) {
    if (file == null || expires == null || kid == null || signature == null
        || !("result".equals(file) || "errors".equals(file))) {
      throw new LinkRejectedException();
    }
    TaskId taskId;
    long expiry;
    try {
      taskId = TaskId.of(id);
      expiry = Long.parseLong(expires);
    } catch (IllegalArgumentException e) {
      throw new LinkRejectedException();
    }
    if (!Long.toString(expiry).equals(expires)) {
      throw new LinkRejectedException(); // "+1700000000" or "01700000000": not the signed text
    }
    if (!signer.verify(taskId, file, expiry, kid, signature)) {
      throw new LinkRejectedException();
    }
    return taskId;
  }

  private static boolean kind(String file) {
    return switch (file) {
      case "result" -> false;
      case "errors" -> true;
      default -> throw new ValidationException("file", "must be result or errors");
    };
  }
}
