package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.StoreException;
import io.taskport.file.FileStore;
import io.taskport.file.LocalFileStore;
import io.taskport.spring.web.app.TestApplication;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.store.TaskStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A store outage answers 503 with Retry-After and a problem body, never a 500, and is logged once
 * with a count of the requests it failed rather than once per request.
 */
@SpringBootTest(
    classes = TestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "taskport.workers=0")
@Import(StoreOutageTest.Switchable.class)
@ExtendWith(OutputCaptureExtension.class)
class StoreOutageTest {
  @TempDir static Path files;

  @LocalServerPort int port;
  @Autowired AtomicBoolean storeDown;

  @Test
  void anOutage_answers503WithRetryAfter_andIsLoggedOnceWithACount(CapturedOutput output) {
    Api ann = new Api(port, "ann");
    assertThat(ann.get("/api/tasks").statusCode()).isEqualTo(200);
    storeDown.set(true);
    try {
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> r = ann.get(i % 2 == 0 ? "/api/tasks" : "/api/tasks/" + java.util.UUID.randomUUID());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("redis");
      }
    } finally {
      storeDown.set(false);
    }
    assertThat(ann.get("/api/tasks").statusCode()).isEqualTo(200);
    assertThat(output.getOut().split("store is unavailable", -1)).hasSize(2);
    assertThat(output.getOut()).contains("store is available again").contains("5 requests were answered 503");
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Switchable {
    @Bean
    AtomicBoolean storeDown() {
      return new AtomicBoolean();
    }

    @Bean
    FileStore files() {
      return new LocalFileStore(files);
    }

    @Bean
    TaskStore switchableStore(AtomicBoolean storeDown) {
      InMemoryTaskStore store = new InMemoryTaskStore();
      return (TaskStore)
          Proxy.newProxyInstance(
              TaskStore.class.getClassLoader(),
              new Class<?>[] {TaskStore.class},
              (proxy, method, args) -> {
                if (storeDown.get() && !method.getName().equals("close")) {
                  throw new StoreException("connection refused: redis://secret-host:6379");
                }
                try {
                  return method.invoke(store, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }
}
