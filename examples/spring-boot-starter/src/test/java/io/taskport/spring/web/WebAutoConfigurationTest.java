package io.taskport.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.spring.boot.TaskportAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.security.core.context.SecurityContextHolder;

/** When the web layer is on, and who owns its requests. */
class WebAutoConfigurationTest {
  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  TaskportAutoConfiguration.class,
                  TaskportWebAutoConfiguration.class,
                  WebMvcAutoConfiguration.class))
          .withPropertyValues("taskport.workers=0");

  @Test
  void withSpringSecurity_theDefaultOwnerIsThePrincipal() {
    runner.run(
        ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(ctx.getBean(OwnerResolver.class)).isInstanceOf(SecurityOwnerResolver.class);
          assertThat(ctx).hasSingleBean(TaskController.class).hasSingleBean(UserEvents.class);
        });
  }

  @Test
  void withoutSpringSecurityOrAnOwnerResolver_refusesToStart() {
    runner
        .withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
        .run(
            ctx ->
                assertThat(ctx)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("OwnerResolver")
                    .hasMessageContaining("spring-boot-starter-security")
                    .hasMessageContaining("taskport.web.enabled=false"));
  }

  @Test
  void withoutSpringSecurity_anOwnerResolverBeanIsEnough() {
    runner
        .withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
        .withBean(OwnerResolver.class, () -> request -> request.getHeader("X-User"))
        .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(TaskController.class));
  }

  @Test
  void offWithTheProperty() {
    runner
        .withPropertyValues("taskport.web.enabled=false")
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(TaskController.class));
  }
}
