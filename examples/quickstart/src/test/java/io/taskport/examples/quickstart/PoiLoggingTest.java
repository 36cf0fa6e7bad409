package io.taskport.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

/**
 * A plain-Java host that depends on taskport-excel-writers (and no logging bridge of its own) gets
 * POI's Log4j API calls sent to SLF4J.
 */
class PoiLoggingTest {
  @Test
  void poiLogsReachSlf4j() {
    // Without a provider, Log4j falls back to a no-op context and prints "could not find a
    // logging provider" to the console of every plain-Java host.
    assertThat(LogManager.getContext(false).getClass().getName())
        .isEqualTo("org.apache.logging.slf4j.SLF4JLoggerContext");
  }
}
