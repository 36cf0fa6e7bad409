package io.taskport.spring.web;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * Makes the servlet container's multipart limits follow {@code taskport.max-upload-size} (100MB
 * by default) and spool every upload to disk at once, instead of Spring Boot's 1MB limit. These
 * are defaults only: the application's own {@code spring.servlet.multipart.*} settings win.
 */
public final class UploadDefaults implements EnvironmentPostProcessor {
  static final String SOURCE = "taskportUploadDefaults";

  /** Creates the post-processor; called by Spring Boot. */
  public UploadDefaults() {}

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    if (!env.getProperty("taskport.web.enabled", Boolean.class, true)) {
      return;
    }
    DataSize max = DataSize.parse(env.getProperty("taskport.max-upload-size", "100MB"));
    // the other form fields (type, params) need a little room beside the file
    DataSize request = DataSize.ofBytes(max.toBytes() + DataSize.ofMegabytes(1).toBytes());
    env.getPropertySources()
        .addLast(
            new MapPropertySource(
                SOURCE,
                Map.of(
                    "spring.servlet.multipart.max-file-size", max.toBytes() + "B",
                    "spring.servlet.multipart.max-request-size", request.toBytes() + "B",
                    "spring.servlet.multipart.file-size-threshold", "0B")));
  }
}
