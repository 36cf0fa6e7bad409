package io.taskport.spring.web;

import static org.awaitility.Awaitility.await;

import io.taskport.spring.web.app.TestApplication;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * One running test host on a random port, shared by the API tests; uploads above 1 MB are refused, and
 * a short lease makes workers see cancel requests within a second. Links are signed with key k2;
 * k1 still verifies and k0 is retired; each user may open {@link #MAX_STREAMS} event streams.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.servlet.multipart.max-file-size=1MB",
      "spring.servlet.multipart.max-request-size=1MB",
      "taskport.max-upload-size=1MB",
      "taskport.lease=3s",
      "taskport.link.keys.k0.secret=" + ApiTestBase.K0_SECRET,
      "taskport.link.keys.k0.retired=true",
      "taskport.link.keys.k1.secret=" + ApiTestBase.K1_SECRET,
      "taskport.link.keys.k2.secret=" + ApiTestBase.K2_SECRET,
      "taskport.link.current-key=k2",
      "taskport.web.max-streams-per-user=" + ApiTestBase.MAX_STREAMS,
      "taskport.web.heartbeat=1s"
    })
@Import(ApiTestBase.Clocks.class)
abstract class ApiTestBase {
  static final String K0_SECRET = "retired-key-retired-key-retired-key";
  static final String K1_SECRET = "first-key-first-key-first-key-first";
  static final String K2_SECRET = "second-key-second-key-second-key-2";
  static final int MAX_STREAMS = 5;

  @LocalServerPort int port;

  Api ann() {
    return new Api(port, "ann");
  }

  Api bob() {
    return new Api(port, "bob");
  }

  Api anonymous() {
    return new Api(port, null);
  }

  /** Submits an export as ann and returns its id; rows make the request unique (no dedup). */
  String export(int rows, int pace) {
    var r =
        ann()
            .postJson(
                "/api/exports",
                "{\"type\":\"accounts\",\"params\":{\"rows\":" + rows + ",\"pace\":" + pace + "}}");
    if (r.statusCode() != 202) {
      throw new AssertionError("export answered " + r.statusCode() + ": " + r.body());
    }
    return Api.json(r).get("id").asString();
  }

  JsonNode awaitStatus(Api api, String id, String status) {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              last.set(Api.json(api.get("/api/tasks/" + id)));
              return status.equals(last.get().get("status").asString());
            });
    return last.get();
  }

  /** An import as ann with one good row and two bad ones, with Chinese headers. */
  String importWithErrors() {
    String csv =
        "姓名,邮箱,Region,余额\r\n"
            + "Ann Lee,ann@example.com,EU,10.50\r\n"
            + "Bad Mail,not-an-email,EU,1\r\n"
            + "Bad Region,b@example.com,MARS,-3\r\n";
    var r = ann().upload("/api/imports", "accounts", "accounts.csv", csv.getBytes(StandardCharsets.UTF_8));
    if (r.statusCode() != 202) {
      throw new AssertionError("import answered " + r.statusCode() + ": " + r.body());
    }
    return Api.json(r).get("id").asString();
  }

  /** A clock the link tests move forward; the auto-configured link signer uses it. */
  static final class MovableClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void advance(Duration d) {
      offset.updateAndGet(o -> o.plus(d));
    }

    void reset() {
      offset.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset.get());
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Clocks {
    @Bean
    MovableClock linkClock() {
      return new MovableClock();
    }
  }
}
