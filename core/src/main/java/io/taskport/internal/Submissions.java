package io.taskport.internal;

import io.taskport.ExportColumn;
import io.taskport.ExportRequest;
import io.taskport.ImportRequest;
import io.taskport.LimitExceededException;
import io.taskport.Messages;
import io.taskport.MessageKey;
import io.taskport.Submission;
import io.taskport.TaskId;
import io.taskport.TaskKind;
import io.taskport.ValidationException;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.format.Column;
import io.taskport.format.RowWriter;
import io.taskport.format.TabularFormat;
import io.taskport.handler.ExportHandler;
import io.taskport.handler.ImportHandler;
import io.taskport.store.NewTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns requests into stored tasks: checks type, format and params, and stores uploads. */
final class Submissions {
  private static final Logger log = LoggerFactory.getLogger(Submissions.class);

  private final Settings settings;
  private final ParamsBinder binder;
  private final Map<String, Boolean> writable = new ConcurrentHashMap<>();

  Submissions(Settings settings, ParamsBinder binder) {
    this.settings = settings;
    this.binder = binder;
  }

  Submission export(ExportRequest request) {
    return settings.store().create(exportTask(request));
  }

  /**
   * Checks every request, then creates them all in one store call. A bad request is reported
   * with its fields prefixed by its place in the list, and nothing is created.
   */
  List<Submission> exportAll(List<ExportRequest> requests) {
    List<NewTask> tasks = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      ExportRequest request = requests.get(i);
      if (request == null) {
        throw new NullPointerException("requests[" + i + "] is null");
      }
      try {
        tasks.add(exportTask(request));
      } catch (ValidationException e) {
        throw placed(e, i);
      }
    }
    return tasks.isEmpty() ? List.of() : settings.store().createAll(tasks);
  }

  private static ValidationException placed(ValidationException e, int index) {
    List<ValidationException.Violation> placed = new ArrayList<>();
    for (ValidationException.Violation v : e.violations()) {
      placed.add(
          new ValidationException.Violation(
              "requests[" + index + "]." + v.field(), v.message(), v.key()));
    }
    ValidationException out = new ValidationException(placed);
    out.initCause(e);
    return out;
  }

  private NewTask exportTask(ExportRequest request) {
    ExportHandler<?, ?> handler = exportHandler(request.type());
    TabularFormat format = format(request.format());
    if (!writable(format)) {
      List<String> others = new ArrayList<>();
      for (TabularFormat f : settings.formats().values()) {
        if (writable(f)) {
          others.add(f.name());
        }
      }
      throw new ValidationException(
          "format", MessageKey.of("submit.notExportable", format.name(), others));
    }
    Locale locale = Messages.locale(request.locale());
    String params = bindAndValidate(handler, request.params(), locale);
    Object bound = binder.bind(params, handler.paramsType());
    Sheets.check(handler, bound, format, request.locale());
    if (!request.columns().isEmpty()) {
      chooseColumns(handler, bound, request.columns(), locale);
      params = ChosenColumns.store(params, request.columns());
    }
    String dedupKey = null;
    if (request.deduplicate()) {
      dedupKey =
          request.dedupKey() != null
              ? request.dedupKey()
              : sha256(format.name() + "\n" + params);
    }
    return new NewTask(
        TaskId.random(),
        TaskKind.EXPORT,
        request.type(),
        request.owner(),
        format.name(),
        params,
        dedupKey,
        null,
        settings.maxAttempts(),
        settings.retention(),
        request.locale(),
        false,
        settings.scheduling().submit(request.priority(), request.fairnessKey()));
  }

  /** Returns the columns of an export type for params, as a user may choose them, in a language. */
  List<ExportColumn> columns(String type, @Nullable Object params, Locale locale) {
    ExportHandler<?, ?> handler = exportHandler(type);
    String json = bindAndValidate(handler, params, locale);
    List<ExportColumn> out = new ArrayList<>();
    for (Column<?> c : declared(handler, binder.bind(json, handler.paramsType()))) {
      out.add(
          new ExportColumn(
              c.key(), Headers.label(handler.messages(), c.header(), locale), c.type()));
    }
    return List.copyOf(out);
  }

  private ExportHandler<?, ?> exportHandler(String type) {
    ExportHandler<?, ?> handler = settings.exports().get(type);
    if (handler == null) {
      throw new ValidationException(
          "type", MessageKey.of("submit.unknownExportType", type, settings.exports().keySet()));
    }
    return handler;
  }

  @SuppressWarnings("unchecked")
  private static <P> List<? extends Column<?>> declared(ExportHandler<P, ?> handler, Object params) {
    return handler.columns((P) params);
  }

  Submission importing(ImportRequest request, InputStream upload) {
    ImportHandler<?, ?> handler = settings.imports().get(request.type());
    if (handler == null) {
      throw new ValidationException(
          "type",
          MessageKey.of(
              "submit.unknownImportType", request.type(), settings.imports().keySet()));
    }
    TabularFormat format = formatOfFileName(request.fileName());
    String params = bindAndValidate(handler, request.params(), Messages.locale(request.locale()));
    TaskId id = TaskId.random();
    FileRef input = store(id, cleanFileName(request.fileName(), format), format, upload);
    try {
      NewTask task =
          new NewTask(
              id,
              TaskKind.IMPORT,
              request.type(),
              request.owner(),
              format.name(),
              params,
              request.dedupKey(),
              input,
              settings.maxAttempts(),
              settings.retention(),
              request.locale(),
              request.check(),
              settings.scheduling().submit(request.priority(), request.fairnessKey()));
      Submission s = settings.store().create(task);
      if (!s.created()) {
        deleteQuietly(input);
      }
      return s;
    } catch (RuntimeException e) {
      deleteQuietly(input);
      throw e;
    }
  }

  /** Streams the upload into the file store, refusing it once it passes the byte limit. */
  private FileRef store(TaskId id, String fileName, TabularFormat format, InputStream upload) {
    long max = settings.formatOptions().limits().maxBytes();
    try (FileDraft draft = settings.files().create(id, fileName, format.contentType())) {
      OutputStream out = draft.stream();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n = upload.read(buffer); n >= 0; n = upload.read(buffer)) {
        total += n;
        if (total > max) {
          throw new LimitExceededException("maxBytes", max, -1, null);
        }
        out.write(buffer, 0, n);
      }
      if (total == 0) {
        throw new ValidationException("file", MessageKey.of("submit.emptyFile"));
      }
      return draft.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("storing the upload failed", e);
    }
  }

  private void deleteQuietly(FileRef ref) {
    try {
      settings.files().delete(ref);
    } catch (IOException | RuntimeException e) {
      log.warn("could not delete upload {}", ref.key(), e);
    }
  }

  private String bindAndValidate(Object handler, Object params, Locale locale) {
    Object bound;
    if (handler instanceof ExportHandler<?, ?> e) {
      bound = binder.bind(params, e.paramsType());
      validate(e, bound);
    } else {
      ImportHandler<?, ?> i = (ImportHandler<?, ?>) handler;
      bound = binder.bind(params, i.paramsType());
      validate(i, bound);
    }
    String json = binder.toJson(bound);
    ChosenColumns.refuseReserved(json, locale);
    return json;
  }

  @SuppressWarnings("unchecked")
  private static <P> void chooseColumns(
      ExportHandler<P, ?> handler, Object params, List<String> keys, Locale locale) {
    ChosenColumns.select(handler.columns((P) params), keys, locale);
  }

  @SuppressWarnings("unchecked")
  private static <P> void validate(ExportHandler<P, ?> handler, Object params) {
    handler.validate((P) params);
  }

  @SuppressWarnings("unchecked")
  private static <P> void validate(ImportHandler<P, ?> handler, Object params) {
    handler.validate((P) params);
  }

  /** Whether the format can write, found once per format by opening a writer on nothing. */
  private boolean writable(TabularFormat format) {
    return writable.computeIfAbsent(
        format.name(),
        name -> {
          try (RowWriter w =
              format.openWriter(OutputStream.nullOutputStream(), List.of(),
                  settings.formatOptions())) {
            return true;
          } catch (UnsupportedOperationException e) {
            return false;
          } catch (IOException | RuntimeException e) {
            return true; // not a refusal to write; an export will report its own failure
          }
        });
  }

  TabularFormat format(String name) {
    TabularFormat f = settings.formats().get(name.toLowerCase(Locale.ROOT));
    if (f == null) {
      throw new ValidationException(
          "format", MessageKey.of("submit.unknownFormat", name, settings.formats().keySet()));
    }
    return f;
  }

  private TabularFormat formatOfFileName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT).trim();
    for (TabularFormat f : settings.formats().values()) {
      if (f.extension().equals(ext)) {
        return f;
      }
    }
    throw new ValidationException(
        "fileName",
        MessageKey.of("submit.unsupportedFileType", ext, settings.formats().keySet()));
  }

  /** Keeps a display name only: no path, no control or bidi characters, bounded length. */
  static String cleanFileName(String fileName, TabularFormat format) {
    String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    StringBuilder clean = new StringBuilder();
    base.codePoints()
        .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
        .forEach(clean::appendCodePoint);
    String name = clean.toString().strip();
    if (name.length() > 200) {
      name = name.substring(name.length() - 200);
    }
    return name.isEmpty() || name.startsWith(".") ? "upload." + format.extension() : name;
  }

  static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
