package io.taskport.spring.web;

import io.taskport.ExportColumn;
import io.taskport.TaskManager;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the columns an export writes for given params, in the handler's order, so that a page can
 * let the user pick and order them: {@code GET {base}/exports/{type}/columns?params={json}}. The
 * headers are in the language of {@code Accept-Language} where the handler's bundle has them.
 */
@RestController
class ColumnsController {
  private final TaskManager tasks;

  ColumnsController(TaskManager tasks) {
    this.tasks = tasks;
  }

  @GetMapping(Paths.BASE + "/exports/{type}/columns")
  List<ExportColumn> columns(
      @PathVariable String type,
      @RequestParam(required = false) @Nullable String params,
      Owner user, // a signed-in user only, as for every other call
      @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String lang) {
    return tasks.columns(type, params, Languages.of(lang));
  }
}
