package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.spring.web.app.TestApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * RELIABILITY.md scenario 24: concurrent event streams of two users on one server (200 in the
 * short form; {@code -Dtaskport.sse.subscribers=1000} for the long one) while fast exports run,
 * one per stream; every other subscriber drops after its first event and reconnects with {@code
 * Last-Event-ID}. No stream carries another owner's task, and every stream ends with its task's
 * terminal state.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "taskport.lease=3s",
      "taskport.web.max-streams-per-user=${taskport.sse.subscribers:200}"
    })
class SseLoadIT {
  static final int SUBSCRIBERS = Integer.getInteger("taskport.sse.subscribers", 200);
  static final int TASKS_PER_USER = Math.max(150, SUBSCRIBERS / 2);

  @LocalServerPort int port;

  /** What one subscriber saw. */
  record Seen(String user, String taskId, List<SseStream.Event> events, boolean reconnected) {}

  @Test
  void manySubscribers_seeOnlyTheirOwnTasks_andEveryTerminalState() throws Exception {
    Map<String, List<String>> tasks = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(SUBSCRIBERS);
    List<Future<Seen>> futures = new ArrayList<>();
    try {
      List<Future<List<String>>> submitted = new ArrayList<>();
      for (String user : List.of("ann", "bob")) {
        submitted.add(pool.submit(() -> submit(user)));
      }
      tasks.put("ann", submitted.get(0).get(2, TimeUnit.MINUTES));
      tasks.put("bob", submitted.get(1).get(2, TimeUnit.MINUTES));
      for (int i = 0; i < SUBSCRIBERS; i++) {
        String user = i % 2 == 0 ? "ann" : "bob";
        String taskId = tasks.get(user).get(i / 2);
        boolean drop = (i / 2) % 2 == 1;
        futures.add(pool.submit(() -> subscribe(user, taskId, drop)));
      }
      AtomicInteger crossOwner = new AtomicInteger();
      int reconnected = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      for (Future<Seen> f : futures) {
        Seen seen = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        Set<String> own = Set.copyOf(tasks.get(seen.user()));
        reconnected += seen.reconnected() ? 1 : 0;
        for (SseStream.Event e : seen.events()) {
          String id = e.data().get("id").asString();
          if (!own.contains(id) || !id.equals(seen.taskId())) {
            crossOwner.incrementAndGet();
          }
        }
        assertThat(seen.events()).as("events of %s", seen.taskId()).isNotEmpty();
        SseStream.Event last = seen.events().get(seen.events().size() - 1);
        assertThat(last.data().get("status").asString()).as(seen.taskId()).isEqualTo("COMPLETED");
        List<Long> ids = seen.events().stream().map(e -> Long.parseLong(e.id())).toList();
        assertThat(ids).as("event ids of %s", seen.taskId()).isSorted().doesNotHaveDuplicates();
      }
      assertThat(crossOwner).hasValue(0);
      assertThat(reconnected).isEqualTo(SUBSCRIBERS / 2);
    } finally {
      pool.shutdownNow();
    }
    Api bob = new Api(port, "bob");
    for (String annsTask : tasks.get("ann").subList(0, 10)) {
      assertThat(bob.get("/api/tasks/" + annsTask + "/events").statusCode()).isEqualTo(404);
    }
  }

  private List<String> submit(String user) {
    Api api = new Api(port, user);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < TASKS_PER_USER; i++) {
      String body =
          "{\"type\":\"accounts\",\"params\":{\"rows\":" + (3_000 + i) + ",\"pace\":10}}";
      var r = api.postJson("/api/exports", body);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      ids.add(Api.json(r).get("id").asString());
    }
    return ids;
  }

  private Seen subscribe(String user, String taskId, boolean drop) throws Exception {
    Api api = new Api(port, user);
    String path = "/api/tasks/" + taskId + "/events";
    List<SseStream.Event> events = new ArrayList<>();
    String lastId = null;
    if (drop) {
      try (SseStream s = api.stream(path, null)) {
        assertThat(s.status()).isEqualTo(200);
        SseStream.Event first = s.next();
        assertThat(first).isNotNull();
        events.add(first);
        lastId = first.id();
      }
    }
    try (SseStream s = api.stream(path, lastId)) {
      assertThat(s.status()).as("stream of %s", taskId).isEqualTo(200);
      for (SseStream.Event e = s.next(); e != null; e = s.next()) {
        events.add(e);
      }
    }
    return new Seen(user, taskId, events, drop);
  }
}
