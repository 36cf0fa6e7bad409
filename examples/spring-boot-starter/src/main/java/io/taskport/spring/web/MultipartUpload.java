package io.taskport.spring.web;

import io.taskport.TaskId;
import io.taskport.file.FileDraft;
import io.taskport.file.FileRef;
import io.taskport.file.FileStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Reads a {@code multipart/form-data} upload straight from the request body: the one file part is
 * streamed into a {@link FileDraft} of the file store and counted against the size limit; the
 * other form fields are read with a small bound. Nothing is buffered whole and no temporary file
 * is written anywhere but the file store. A body that is too large, truncated or of the wrong
 * shape is refused with {@link Refused}, and then the draft is discarded: nothing stays behind.
 */
final class MultipartUpload {
  private static final Logger log = LoggerFactory.getLogger(MultipartUpload.class);
  /** The most bytes of headers one part may have. */
  static final int MAX_PART_HEADERS = 4096;
  /** The most bytes of one form field that is not the file. */
  static final int MAX_FIELD = 64 * 1024;
  /** The most form fields beside the file. */
  static final int MAX_FIELDS = 32;
  /** The longest file name, in characters. */
  static final int MAX_FILE_NAME = 255;
  /** What a body may carry beside the file: part headers, boundaries and the other fields. */
  static final long OVERHEAD = 1024 * 1024;
  /** The name of the file part. */
  static final String FILE = "file";

  private final FileStore files;
  private final long maxBytes;

  /**
   * @param files where the file part goes
   * @param maxBytes the largest file accepted
   */
  MultipartUpload(FileStore files, long maxBytes) {
    this.files = files;
    this.maxBytes = maxBytes;
  }

  /**
   * A stored upload: the committed file, its name as the client sent it and the other fields.
   * Whoever reads it owns the file and hands it to {@link #discard} when done.
   *
   * @param staging the task id the file is stored under; no task has it
   */
  record Upload(TaskId staging, FileRef file, String fileName, Map<String, String> fields) {
    @Nullable String field(String name) {
      return fields.get(name);
    }
  }

  /** The upload was refused; the detail, in the user's language, says what to fix. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient HttpStatus status;
    private final String key;
    private final transient Object[] args;

    Refused(HttpStatus status, String key, Object... args) {
      super(Languages.text(Locale.ENGLISH, key, args), null, false, false);
      this.status = status;
      this.key = key;
      this.args = args.clone();
    }

    HttpStatus status() {
      return status;
    }

    /** Returns the detail in a language. */
    String detail(Locale locale) {
      return Languages.text(locale, key, args);
    }
  }

  /** The largest request body accepted: the file limit plus room for the other fields. */
  long maxRequestBytes() {
    return maxBytes + OVERHEAD;
  }

  /**
   * Reads the request's body to its end and stores its file.
   *
   * @throws Refused if the body is too large or not a well-formed form with exactly one file
   * @throws IOException if the body could not be read or the file not stored
   */
  Upload read(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxRequestBytes()) {
      throw tooLarge();
    }
    String boundary = boundary(request.getContentType());
    MultipartStream in = new MultipartStream(request.getInputStream(), boundary);
    if (!in.skipPreamble()) {
      throw new Refused(
          HttpStatus.BAD_REQUEST,
          "The body does not contain the boundary named in its Content-Type: send the form as"
              + " multipart/form-data with the boundary that separates its parts.");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    TaskId staging = TaskId.random();
    FileDraft draft = null;
    String fileName = null;
    try {
      while (true) {
        Disposition part = Disposition.parse(in.readHeaders(MAX_PART_HEADERS));
        if (part.fileName() == null) {
          if (FILE.equals(part.name())) {
            throw badRequest("upload.fieldIsText");
          }
          if (fields.size() >= MAX_FIELDS) {
            throw badRequest("upload.tooManyFields", MAX_FIELDS);
          }
          fields.put(part.name(), field(in, part.name()));
        } else {
          if (!FILE.equals(part.name())) {
            throw badRequest("upload.partIsFile", Problems.excerpt(part.name()));
          }
          if (draft != null) {
            throw badRequest("upload.twoFiles");
          }
          fileName = fileName(part.fileName());
          draft = files.create(staging, fileName, part.contentType());
          copyFile(in, draft.stream());
        }
        if (in.last()) {
          break;
        }
      }
      if (draft == null) {
        throw badRequest("upload.noFile");
      }
      if (in.fileBytes() == 0) {
        throw badRequest("upload.emptyFile");
      }
      FileRef ref = draft.commit();
      return new Upload(staging, ref, fileName, Map.copyOf(fields));
    } finally {
      if (draft != null) {
        draft.close();
      }
    }
  }

  /** Deletes the stored upload; never throws. */
  void discard(Upload upload) {
    try {
      files.deleteAll(upload.staging());
    } catch (IOException | RuntimeException e) {
      log.warn("could not delete the stored upload {}: {}", upload.file().key(), e.toString());
    }
  }

  private void copyFile(MultipartStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n = in.readPart(buffer, 0, buffer.length); n >= 0; n = in.readPart(buffer, 0, buffer.length)) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge();
      }
      out.write(buffer, 0, n);
    }
    in.countFile(total);
  }

  private static String field(MultipartStream in, String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    for (int n = in.readPart(buffer, 0, buffer.length); n >= 0; n = in.readPart(buffer, 0, buffer.length)) {
      if (out.size() + n > MAX_FIELD) {
        throw badRequest("upload.fieldTooLong", Problems.excerpt(name), MAX_FIELD);
      }
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String fileName(String sent) {
    String name = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
    if (name.codePointCount(0, name.length()) > MAX_FILE_NAME) {
      throw badRequest("upload.fileNameTooLong", MAX_FILE_NAME);
    }
    return name.isBlank() ? "upload" : name;
  }

  private Refused tooLarge() {
    return new Refused(HttpStatus.CONTENT_TOO_LARGE, "upload.tooLarge", maxBytes);
  }

  static Refused badRequest(String key, Object... args) {
    return new Refused(HttpStatus.BAD_REQUEST, key, args);
  }

  /** The boundary parameter of a multipart Content-Type. */
  static String boundary(@Nullable String contentType) {
    if (contentType == null) {
      throw badRequest("upload.notMultipart");
    }
    for (Map.Entry<String, String> p : Disposition.params(contentType).entrySet()) {
      if (p.getKey().equals("boundary") && !p.getValue().isEmpty() && p.getValue().length() <= 70) {
        return p.getValue();
      }
    }
    throw badRequest("upload.noBoundary");
  }
}
