package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.spring.web.app.TestApplication;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dashboard's settings: the role it needs, and turning it off. */
class DashboardSettingsTest {
  @Nested
  @SpringBootTest(
      classes = TestApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = "taskport.web.dashboard.role=USER")
  class AnotherRole {
    @LocalServerPort int port;

    @Test
    void holdersOfTheConfiguredRole_getIn() {
      assertThat(new Api(port, "ann").get("/api/admin/tasks").statusCode()).isEqualTo(200);
      assertThat(new Api(port, "ann").get("/taskport/admin/index.html").statusCode()).isEqualTo(200);
    }
  }

  @Nested
  @SpringBootTest(
      classes = TestApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = "taskport.web.dashboard.enabled=false")
  class TurnedOff {
    @LocalServerPort int port;

    @Test
    void noDashboardPathAnswers_evenForTheOperator() {
      Api ops = new Api(port, "ops");
      assertThat(ops.get("/api/admin/tasks").statusCode()).isEqualTo(404);
      assertThat(ops.get("/taskport/admin/settings.json").statusCode()).isEqualTo(404);
      assertThat(ops.get("/taskport/admin/index.html").statusCode()).isEqualTo(404);
      assertThat(ops.get("/taskport/admin/admin.js").statusCode()).isEqualTo(404);
      assertThat(ops.get("/api/tasks").statusCode()).isEqualTo(200);
    }
  }
}
