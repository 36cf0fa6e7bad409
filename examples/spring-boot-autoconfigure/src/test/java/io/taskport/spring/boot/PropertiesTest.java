package io.taskport.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.format.FormatOptions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every builder setting has a property, documented in plain text in the metadata. */
class PropertiesTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TaskportAutoConfiguration.class))
          .withPropertyValues("taskport.workers=0");

  @TempDir Path dir;

  @Test
  void formatProperties_becomeTheFormatOptions() {
    runner
        .withPropertyValues(
            "taskport.format.charset=ISO-8859-1",
            "taskport.format.delimiter=;",
            "taskport.format.bom=false",
            "taskport.format.escape-formulas=false",
            "taskport.format.sheet-name=Data",
            "taskport.format.sheet-index=2",
            "taskport.format.zone=Asia/Shanghai",
            "taskport.format.max-rows=10",
            "taskport.format.max-columns=11",
            "taskport.format.max-cell-chars=12",
            "taskport.format.max-errors=13",
            "taskport.max-upload-size=1KB")
        .run(
            ctx -> {
              FormatOptions o = ctx.getBean(TaskportProperties.class).getFormat().options(1024);
              assertThat(o.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
              assertThat(o.delimiter()).isEqualTo(';');
              assertThat(o.bom()).isFalse();
              assertThat(o.lineSeparator()).isEqualTo("\r\n");
              assertThat(o.escapeFormulas()).isFalse();
              assertThat(o.sheetName()).isEqualTo("Data");
              assertThat(o.sheetIndex()).isEqualTo(2);
              assertThat(o.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
              assertThat(o.limits().maxRows()).isEqualTo(10);
              assertThat(o.limits().maxColumns()).isEqualTo(11);
              assertThat(o.limits().maxCellChars()).isEqualTo(12);
              assertThat(o.limits().maxErrors()).isEqualTo(13);
              assertThat(o.limits().maxBytes()).isEqualTo(1024);
            });
  }

  @Test
  void engineProperties_reachTheBuilder_whichChecksThem() {
    runner
        .withPropertyValues(
            "taskport.poll-interval=200ms",
            "taskport.sweep-interval=2s",
            "taskport.heartbeat-interval=1s",
            "taskport.progress-interval=250ms",
            "taskport.retry-delay=1s",
            "taskport.max-retry-delay=1m",
            "taskport.type-limits.accounts=2",
            "taskport.worker-id=node-a")
        .run(ctx -> assertThat(ctx).hasNotFailed());
    runner
        .withPropertyValues(
            "taskport.scheduling.max-active-per-owner=5",
            "taskport.scheduling.max-active-per-owner-of-type=2",
            "taskport.scheduling.queue-beyond-owner-cap=true",
            "taskport.scheduling.fair-claiming=true",
            "taskport.scheduling.priority-ageing=2m",
            "taskport.scheduling.cluster-type-limits.accounts=2",
            "taskport.scheduling.type-rates.accounts=60")
        .run(ctx -> assertThat(ctx).hasNotFailed());
    runner
        .withPropertyValues("taskport.scheduling.cluster-type-limits.accounts=0")
        .run(
            ctx ->
                assertThat(ctx).getFailure().rootCause()
                    .hasMessageContaining("clusterTypeLimit of accounts"));
    runner
        .withPropertyValues("taskport.scheduling.priority-ageing=0s")
        .run(
            ctx ->
                assertThat(ctx).getFailure().rootCause().hasMessageContaining("priorityAgeing"));
    runner
        .withPropertyValues("taskport.lease=3s", "taskport.heartbeat-interval=2s")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("heartbeatInterval"));
    runner
        .withPropertyValues("taskport.type-limits.accounts=0")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("accounts"));
    runner
        .withPropertyValues("taskport.retry-delay=1m", "taskport.max-retry-delay=1s")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("retry delay"));
    runner
        .withPropertyValues("taskport.poll-interval=0s")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("pollInterval"));
    runner
        .withPropertyValues("taskport.progress-interval=0s")
        .run(
            ctx ->
                assertThat(ctx).getFailure().rootCause().hasMessageContaining("progressInterval"));
  }

  @Test
  void metadata_describesEveryPropertyInPlainText() throws Exception {
    JsonNode meta;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      meta = JsonMapper.builder().build().readTree(in);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode p : meta.get("properties")) {
      String name = p.get("name").asString();
      names.add(name);
      JsonNode d = p.get("description");
      assertThat(d).as(name + " has a description").isNotNull();
      assertThat(d.asString()).as(name).doesNotContain("{@").doesNotContain("<p>");
    }
    assertThat(names)
        .contains(
            "taskport.poll-interval",
            "taskport.sweep-interval",
            "taskport.heartbeat-interval",
            "taskport.progress-interval",
            "taskport.retry-delay",
            "taskport.max-retry-delay",
            "taskport.type-limits",
            "taskport.worker-id",
            "taskport.format.charset",
            "taskport.format.delimiter",
            "taskport.format.zone",
            "taskport.format.max-rows",
            "taskport.format.max-errors",
            "taskport.scheduling.max-active-per-owner",
            "taskport.scheduling.max-active-per-owner-of-type",
            "taskport.scheduling.queue-beyond-owner-cap",
            "taskport.scheduling.fair-claiming",
            "taskport.scheduling.priority-ageing",
            "taskport.scheduling.cluster-type-limits",
            "taskport.scheduling.type-rates");
  }
}
