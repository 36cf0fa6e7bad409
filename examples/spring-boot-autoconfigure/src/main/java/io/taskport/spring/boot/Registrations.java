package io.taskport.spring.boot;

import io.taskport.file.FileStore;
import io.taskport.format.TabularFormat;
import io.taskport.handler.ExportHandler;
import io.taskport.handler.ImportHandler;
import io.taskport.store.TaskStore;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs what the auto-configuration registered, and refuses handlers without any file format. */
final class Registrations {
  private static final Logger log = LoggerFactory.getLogger(Registrations.class);

  private Registrations() {}

  static void check(
      ObjectProvider<ExportHandler<?, ?>> exports,
      ObjectProvider<ImportHandler<?, ?>> imports,
      ObjectProvider<TabularFormat> formats,
      TaskStore store,
      FileStore files) {
    TreeSet<String> exportTypes = new TreeSet<>();
    exports.orderedStream().forEach(h -> exportTypes.add(h.type()));
    TreeSet<String> importTypes = new TreeSet<>();
    imports.orderedStream().forEach(h -> importTypes.add(h.type()));
    TreeSet<String> formatNames = new TreeSet<>();
    formats.orderedStream().forEach(f -> formatNames.add(f.name()));
    ServiceLoader.load(TabularFormat.class).forEach(f -> formatNames.add(f.name()));
    log.info(
        "Taskport: export handlers {}, import handlers {}, formats {}, store {}, files {}",
        exportTypes,
        importTypes,
        formatNames,
        store.getClass().getSimpleName(),
        files.getClass().getSimpleName());
    if (formatNames.isEmpty() && !(exportTypes.isEmpty() && importTypes.isEmpty())) {
      throw new IllegalStateException(
          "Taskport has handlers (exports "
              + exportTypes
              + ", imports "
              + importTypes
              + ") but no file format: add the module io.taskport:taskport-excel-writers (CSV,"
              + " XLSX and XLS), which io.taskport:taskport-spring-boot-starter brings, or"
              + " define a TabularFormat bean");
    }
    if (exportTypes.isEmpty() && importTypes.isEmpty()) {
      log.warn(
          "Taskport has no handlers: define ExportHandler or ImportHandler beans, or every"
              + " submit is refused as an unknown type");
    }
  }
}
