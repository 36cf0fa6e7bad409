package io.taskport.spring.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The headers of one multipart part that matter here: its field name, its file name ({@code
 * filename}, or {@code filename*} in RFC 5987 form, which wins) and its content type.
 */
record Disposition(String name, @Nullable String fileName, String contentType) {
  static final String OCTETS = "application/octet-stream";

  /** Parses the headers of a part, one per line. */
  static Disposition parse(String headers) {
    String disposition = null;
    String type = OCTETS;
    for (String line : headers.split("\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (header.equals("content-disposition")) {
        disposition = value;
      } else if (header.equals("content-type") && !value.isEmpty()) {
        type = value;
      }
    }
    if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
      throw MultipartUpload.badRequest("upload.noDisposition");
    }
    Map<String, String> p = params(disposition);
    String name = p.get("name");
    if (name == null || name.isEmpty()) {
      throw MultipartUpload.badRequest("upload.noName");
    }
    String fileName = p.get("filename");
    String extended = p.get("filename*");
    if (extended != null) {
      fileName = decodeExtended(extended);
    }
    return new Disposition(name, fileName, type);
  }

  /** The parameters after the first {@code ;} of a header value, names in lower case. */
  static Map<String, String> params(String value) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = value.indexOf(';');
    while (i >= 0 && i < value.length()) {
      i++;
      int eq = value.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      StringBuilder v = new StringBuilder();
      int j = eq + 1;
      while (j < value.length() && value.charAt(j) == ' ') {
        j++;
      }
      if (j < value.length() && value.charAt(j) == '"') {
        for (j++; j < value.length() && value.charAt(j) != '"'; j++) {
          char c = value.charAt(j);
          if (c == '\\' && j + 1 < value.length()) {
            c = value.charAt(++j);
          }
          v.append(c);
        }
        j = value.indexOf(';', j);
      } else {
        int end = value.indexOf(';', j);
        v.append(value, j, end < 0 ? value.length() : end);
        j = end;
        out.putIfAbsent(key, v.toString().strip());
        i = j;
        continue;
      }
      out.putIfAbsent(key, v.toString());
      i = j;
    }
    return out;
  }

  /** Decodes {@code charset'language'percent-encoded} (RFC 5987). */
  static String decodeExtended(String value) {
    int first = value.indexOf('\'');
    int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
    if (second < 0) {
      throw MultipartUpload.badRequest("upload.badFilenameStar");
    }
    Charset charset;
    try {
      charset = Charset.forName(value.substring(0, first));
    } catch (IllegalArgumentException e) {
      charset = StandardCharsets.UTF_8;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String encoded = value.substring(second + 1);
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        int hi = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
        int lo = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw MultipartUpload.badRequest("upload.badPercent");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(charset));
      }
    }
    return bytes.toString(charset);
  }
}
