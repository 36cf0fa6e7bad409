package io.taskport.spring.web;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the Taskport API, signed in as one user (or nobody). */
final class Api {
  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String base;
  private final @Nullable String auth;

  Api(int port, @Nullable String user) {
    this.base = "http://localhost:" + port;
    this.auth =
        user == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  HttpResponse<byte[]> getBytes(String path) {
    return sendBytes(request(path).GET());
  }

  HttpResponse<String> post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  HttpResponse<String> postJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> delete(String path) {
    return send(request(path).DELETE());
  }

  /** Posts a multipart form with text fields and one file, {@code file}. */
  HttpResponse<String> upload(String path, String type, String fileName, byte[] content) {
    String boundary = "----taskport" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String head =
        "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + type + "\r\n"
            + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** Posts a body of the given content type as it is. */
  HttpResponse<String> postRaw(String path, String contentType, HttpRequest.BodyPublisher body) {
    return send(request(path).header("Content-Type", contentType).POST(body));
  }

  /** Sends any request, with extra headers given as name, value, name, value. */
  HttpResponse<String> call(String method, String path, @Nullable String body, String... headers) {
    HttpRequest.Builder b = request(path);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(
        b.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The Authorization header this client sends, or null. */
  @Nullable String authorization() {
    return auth;
  }

  /** Posts a hand-made multipart body with the given boundary. */
  HttpResponse<String> postMultipart(String path, String boundary, String body) {
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Reads an event stream to its end; fails if it has not ended within the timeout. */
  SseResult events(String path, Duration timeout) throws Exception {
    HttpResponse<java.util.stream.Stream<String>> r =
        CLIENT
            .sendAsync(
                request(path).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines())
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    List<String> lines =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> r.body().toList())
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return new SseResult(r.statusCode(), lines);
  }

  /** Opens an event stream, optionally resuming after {@code lastEventId}. */
  SseStream stream(String path, @Nullable String lastEventId) throws Exception {
    return SseStream.open(CLIENT, URI.create(base + path), auth, lastEventId, Duration.ofSeconds(60));
  }

  /**
   * A finished event stream.
   *
   * @param status the HTTP status
   * @param lines every line received
   */
  record SseResult(int status, List<String> lines) {
    List<JsonNode> tasks() {
      return lines.stream()
          .filter(l -> l.startsWith("data:"))
          .map(l -> JSON.readTree(l.substring(5)))
          .toList();
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    return JSON.readTree(r.body());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return b;
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<byte[]> sendBytes(HttpRequest.Builder b) {
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
