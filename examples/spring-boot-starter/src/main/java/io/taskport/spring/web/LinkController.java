package io.taskport.spring.web;

import io.taskport.LinkSigner;
import io.taskport.Task;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.ValidationException;
import io.taskport.store.TaskStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
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
 * gives the same 403; so does a request by any other user than the one a link is bound to, see
 * {@link DownloadLinks}), then checks that the task still exists and is COMPLETED with that file
 * (else the usual 404).
 */
@RestController
class LinkController {
  private final TaskManager tasks;
  private final TaskStore store;
  private final DownloadLinks links;
  private final OwnerResolver owners;

  LinkController(TaskManager tasks, TaskStore store, DownloadLinks links, OwnerResolver owners) {
    this.tasks = tasks;
    this.owners = owners;
    this.store = store;
    this.links = links;
  }

  /**
   * A signed link.
   *
   * @param url the path and query to fetch, relative to the application
   * @param expiresAt when it stops working
   */
  record LinkView(String url, Instant expiresAt) {}

  @GetMapping(Paths.BASE + "/tasks/{id}/link")
  LinkView link(
      @PathVariable String id, @RequestParam(defaultValue = "result") String file, Owner user) {
    boolean errors = kind(file);
    TaskId taskId = TaskIds.parse(id);
    FileResponses.ref(tasks.get(taskId, user.name()), errors);
    LinkSigner.SignedLink link = links.sign(taskId, file, user.name());
    return new LinkView(DownloadLinks.url(link), Instant.ofEpochSecond(link.expires()));
  }

  @GetMapping(Paths.FILES + "/{id}")
  ResponseEntity<InputStreamResource> download(
      @PathVariable String id,
      @RequestParam(required = false) String file,
      @RequestParam(required = false) String expires,
      @RequestParam(required = false) String kid,
      @RequestParam(required = false) String signature,
      HttpServletRequest request)
      throws IOException {
    String user = owners.owner(request);
    TaskId taskId = verified(user, id, file, expires, kid, signature);
    Optional<Task> task = store.get(taskId);
    if (task.isEmpty() || task.get().status() != TaskStatus.COMPLETED) {
      throw new TaskIds.NoSuchTaskException();
    }
    if (!links.allows(user, task.get().owner())) {
      throw new LinkRejectedException();
    }
    try {
      return FileResponses.result(tasks, taskId, task.get().owner(), "errors".equals(file));
    } catch (io.taskport.TaskStateException e) {
      throw new TaskIds.NoSuchTaskException();
    }
  }

  private TaskId verified(
      @Nullable String user,
      String id,
      String file,
      String expires,
      String kid,
      String signature) {
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
    if (!links.verify(user, taskId, file, expiry, kid, signature)) {
      throw new LinkRejectedException();
    }
    return taskId;
  }

  private static boolean kind(String file) {
    return switch (file) {
      case "result" -> false;
      case "errors" -> true;
      default -> throw new ValidationException("file", Languages.WEB.key("request.file"));
    };
  }
}
