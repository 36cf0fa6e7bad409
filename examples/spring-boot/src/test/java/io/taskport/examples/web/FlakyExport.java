package io.taskport.examples.web;

import io.taskport.NonRetryableException;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A test export, type {@code flaky}, that fails for good while {@link #BROKEN} is set. */
@TestConfiguration(proxyBeanMethods = false)
class FlakyExport {
  static final AtomicBoolean BROKEN = new AtomicBoolean(true);

  /** Params of the flaky export; {@code n} only makes submissions distinct. */
  record Params(@Nullable Integer n) {}

  record Line(String text) {}

  @Bean
  ExportHandler<Params, Line> flakyExport() {
    return ExportHandler.of(
        "flaky",
        Params.class,
        p -> List.of(Column.text("Text", Line::text)),
        (ctx, out) -> {
          if (BROKEN.get()) {
            throw new NonRetryableException("UPSTREAM_DOWN", "the upstream system is down");
          }
          out.write(new Line("ok"));
        });
  }
}
