package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RELIABILITY.md scenario 21: guessing ids finds nothing, and ids give nothing to guess from.
 */
class TaskIdProbeTest extends ApiTestBase {
  private static final int PROBES = 10_000;
  private static final Logger log = LoggerFactory.getLogger(TaskIdProbeTest.class);

  @Test
  void randomIdProbes_allGetTheSame404AsAnotherUsersTask() throws Exception {
    String annsTask = export(501, 0);
    HttpResponse<String> theirs = bob().get("/api/tasks/" + annsTask);
    assertThat(theirs.statusCode()).isEqualTo(404);
    String expected = theirs.body().replace(annsTask, "ID");

    AtomicInteger probes = new AtomicInteger();
    long start = System.nanoTime();
    Map<String, String> odd = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(
            pool.submit(
                () -> {
                  Api bob = bob();
                  for (int i = 0; i < PROBES / 4 && !Thread.currentThread().isInterrupted(); i++) {
                    String id = UUID.randomUUID().toString();
                    HttpResponse<String> r = bob.get("/api/tasks/" + id);
                    probes.incrementAndGet();
                    String body = r.body().replace(id, "ID");
                    if (r.statusCode() != 404 || !body.equals(expected)) {
                      odd.put(id, r.statusCode() + " " + r.body());
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    log.info("{} probes in {} ms", probes.get(), (System.nanoTime() - start) / 1_000_000);
    assertThat(probes).hasValue(PROBES);
    assertThat(odd).isEmpty();
  }

  @Test
  void taskIds_areRandomUuidV4_notSequentialNorTimeOrdered() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      var r =
          bob().postJson("/api/exports", "{\"type\":\"accounts\",\"params\":{\"rows\":" + (20 + i) + ",\"pace\":0}}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      ids.add(Api.json(r).get("id").asString());
    }
    int ascending = 0;
    for (int i = 0; i < ids.size(); i++) {
      UUID u = UUID.fromString(ids.get(i));
      assertThat(u.toString()).isEqualTo(ids.get(i));
      assertThat(u.version()).as(ids.get(i)).isEqualTo(4);
      assertThat(u.variant()).as(ids.get(i)).isEqualTo(2);
      if (i > 0) {
        String a = ids.get(i - 1).replace("-", "");
        String b = ids.get(i).replace("-", "");
        // a shared 6-hex-digit prefix happens by chance once in 16.7 million pairs
        assertThat(b.substring(0, 6)).as("%s after %s", b, a).isNotEqualTo(a.substring(0, 6));
        ascending += b.compareTo(a) > 0 ? 1 : 0;
      }
    }
    // sequential or time-ordered ids would ascend (nearly) always; random ones about half the time
    assertThat(ascending).isBetween(15, 48);
  }
}
