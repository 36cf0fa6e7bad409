package io.taskport.spring.web;

import io.taskport.file.FileRef;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Builds file responses with safe headers. */
final class Downloads {
  private static final String HEX = "0123456789ABCDEF";

  private Downloads() {}

  static ResponseEntity<InputStreamResource> file(FileRef ref, InputStream in) {
    return bytes(ref.fileName(), ref.contentType(), ref.size(), in);
  }

  static ResponseEntity<InputStreamResource> bytes(
      String fileName, String contentType, long size, InputStream in) {
    ResponseEntity.BodyBuilder b =
        ResponseEntity.ok()
            .contentType(mediaType(contentType))
            .header(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(fileName))
            .header("X-Content-Type-Options", "nosniff")
            .cacheControl(CacheControl.noStore().cachePrivate());
    if (size >= 0) {
      b.contentLength(size);
    }
    return b.body(new InputStreamResource(in));
  }

  /** CSV files are written in UTF-8; saying so keeps browsers and tools from guessing. */
  static MediaType mediaType(String contentType) {
    MediaType type = MediaType.parseMediaType(contentType);
    if (type.getCharset() == null && "text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
      return new MediaType(type, StandardCharsets.UTF_8);
    }
    return type;
  }

  /**
   * Returns {@code attachment} with an ASCII {@code filename} fallback and, for other names, an
   * RFC 6266 / 5987 {@code filename*=UTF-8''...}. Control characters, quotes, backslashes and path
   * separators never reach the header.
   */
  static String contentDisposition(String name) {
    String clean = clean(name);
    StringBuilder ascii = new StringBuilder();
    boolean plain = true;
    for (int i = 0; i < clean.length(); i++) {
      char c = clean.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        ascii.append(c);
      } else {
        ascii.append('_');
        plain = false;
      }
    }
    String header = "attachment; filename=\"" + ascii + "\"";
    return plain ? header : header + "; filename*=UTF-8''" + encode(clean);
  }

  private static String clean(String name) {
    StringBuilder s = new StringBuilder();
    name.codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp) || cp == '"' || cp == '\\' || cp == '/' || cp == ';') {
                s.append('_');
              } else {
                s.appendCodePoint(cp);
              }
            });
    String result = s.toString().strip();
    while (result.startsWith(".")) {
      result = result.substring(1);
    }
    return result.isEmpty() ? "download" : result;
  }

  /** RFC 5987 attr-char percent-encoding of UTF-8 bytes. */
  private static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$&+-.^_`|~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
      }
    }
    return out.toString();
  }
}
