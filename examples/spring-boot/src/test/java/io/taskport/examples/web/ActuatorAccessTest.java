package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Actuator data that counts every user's tasks (the {@code taskport.tasks.*} metrics, the store
 * named in health details) is for operators only; plain health stays open for probes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorAccessTest {
  @LocalServerPort int port;

  @Test
  void metricsAndHealthDetails_areForOperatorsOnly() {
    Api ann = new Api(port, "ann");
    Api ops = new Api(port, "ops");
    Api anonymous = new Api(port, null);
    assertThat(ann.get("/actuator/metrics").statusCode()).isEqualTo(403);
    assertThat(ann.get("/actuator/metrics/taskport.tasks.pending").statusCode()).isEqualTo(403);
    assertThat(ops.get("/actuator/metrics/taskport.tasks.pending").statusCode()).isEqualTo(200);

    assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(ann.get("/actuator/health").body()).doesNotContain("components");
    assertThat(ops.get("/actuator/health").body()).contains("components");
  }
}
