package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The web layer's texts: every one has a Chinese translation. */
class WebTextsTest {
  private static Properties bundle(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = WebTextsTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void everyTextHasAChineseTranslation() throws IOException {
    Properties en = bundle("messages.properties");
    assertThat(bundle("messages_zh_CN.properties").stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
    assertThat(Languages.text(Locale.SIMPLIFIED_CHINESE, "request.size", 100))
        .isEqualTo("必须在 1 到 100 之间");
  }
}
