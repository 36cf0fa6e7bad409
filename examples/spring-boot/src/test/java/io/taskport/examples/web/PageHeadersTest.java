package io.taskport.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The demo's page is served with a Content-Security-Policy that allows this origin only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PageHeadersTest {
  @LocalServerPort int port;

  @Test
  void thePageCarriesAContentSecurityPolicy() {
    HttpResponse<String> page = new Api(port, "ann").get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp)
                    .contains("default-src 'self'")
                    .contains("script-src 'self';")
                    .contains("frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }
}
