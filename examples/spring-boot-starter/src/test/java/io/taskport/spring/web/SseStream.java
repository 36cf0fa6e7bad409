package io.taskport.spring.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An open Server-Sent Events stream, read event by event; {@link #close()} drops the connection,
 * as a client that goes away does. Reads block, so callers bound them from outside.
 */
final class SseStream implements AutoCloseable {
  /**
   * One event.
   *
   * @param id its {@code id:} field, or {@code null}
   * @param name its {@code event:} field, or {@code null}
   * @param data its data, parsed
   */
  record Event(@Nullable String id, @Nullable String name, JsonNode data) {}

  private final int status;
  private final String body;
  private final @Nullable Stream<String> lines;
  private final @Nullable Iterator<String> iterator;

  private SseStream(int status, String body, @Nullable Stream<String> lines) {
    this.status = status;
    this.body = body;
    this.lines = lines;
    this.iterator = lines == null ? null : lines.iterator();
  }

  /** Opens a stream; waits at most {@code timeout} for the response headers. */
  static SseStream open(
      HttpClient client, URI uri, @Nullable String auth, @Nullable String lastEventId, Duration timeout)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").timeout(timeout).GET();
    if (auth != null) {
      b.header("Authorization", auth);
    }
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> r =
        client
            .sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines())
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (r.statusCode() != 200) {
      List<String> all;
      try (Stream<String> s = r.body()) {
        all = s.toList();
      }
      return new SseStream(r.statusCode(), String.join("\n", all), null);
    }
    return new SseStream(200, "", r.body());
  }

  int status() {
    return status;
  }

  /** The body of a refused stream (a problem detail). */
  String body() {
    return body;
  }

  /** Reads lines until a comment line (a heartbeat); returns false when the stream ended first. */
  boolean skipToComment() {
    if (iterator == null) {
      return false;
    }
    while (iterator.hasNext()) {
      if (iterator.next().startsWith(":")) {
        return true;
      }
    }
    return false;
  }

  /** Returns the next event, or {@code null} when the server ended the stream. */
  @Nullable Event next() {
    if (iterator == null) {
      return null;
    }
    String id = null;
    String name = null;
    List<String> data = new ArrayList<>();
    while (iterator.hasNext()) {
      String line = iterator.next();
      if (line.isEmpty()) {
        if (!data.isEmpty()) {
          return new Event(id, name, Api.JSON.readTree(String.join("\n", data)));
        }
        id = null;
        name = null;
      } else if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("id:")) {
        id = line.substring(3).strip();
      } else if (line.startsWith("data:")) {
        data.add(line.substring(5));
      }
    }
    return data.isEmpty() ? null : new Event(id, name, Api.JSON.readTree(String.join("\n", data)));
  }

  @Override
  public void close() {
    if (lines != null) {
      lines.close();
    }
  }
}
