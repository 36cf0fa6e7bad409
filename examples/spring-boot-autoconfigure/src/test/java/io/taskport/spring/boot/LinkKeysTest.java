package io.taskport.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskport.LinkSigner;
import io.taskport.TaskId;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Key rotation through {@code taskport.link.keys}: each stage is one deployment's settings. */
class LinkKeysTest {
  private static final String K1 = "taskport.link.keys.k1.secret=0123456789abcdef0123456789abcdef";
  private static final String K2 = "taskport.link.keys.k2.secret=fedcba9876543210fedcba9876543210";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TaskportAutoConfiguration.class));
  private final TaskId id = TaskId.random();

  @Test
  void rotation_k1LinksWorkUntilK1IsRetired() {
    LinkSigner.SignedLink[] old = new LinkSigner.SignedLink[1];
    runner.withPropertyValues(K1).run(ctx -> old[0] = signer(ctx).sign(id, "result", Duration.ofMinutes(5)));
    assertThat(old[0].kid()).isEqualTo("k1");

    runner
        .withPropertyValues(K1, K2, "taskport.link.current-key=k2")
        .run(
            ctx -> {
              LinkSigner s = signer(ctx);
              assertThat(s.currentKeyId()).isEqualTo("k2");
              assertThat(accepts(s, old[0])).isTrue();
            });
    runner
        .withPropertyValues(K1, "taskport.link.keys.k1.retired=true", K2)
        .run(ctx -> assertThat(accepts(signer(ctx), old[0])).isFalse());
    runner.withPropertyValues(K2).run(ctx -> assertThat(accepts(signer(ctx), old[0])).isFalse());
    runner
        .withPropertyValues("taskport.link.keys.k1.retired=true", K2)
        .run(ctx -> assertThat(accepts(signer(ctx), old[0])).isFalse());
  }

  @Test
  void skewAndMaxTtl_areBound() {
    runner
        .withPropertyValues(K1, "taskport.link.skew=5s", "taskport.link.max-ttl=10m")
        .run(
            ctx -> {
              assertThat(signer(ctx).maxTtl()).isEqualTo(Duration.ofMinutes(10));
              LinkProperties link = ctx.getBean(TaskportProperties.class).getLink();
              assertThat(link.getSkew()).isEqualTo(Duration.ofSeconds(5));
              assertThat(link.toString()).doesNotContain("0123456789");
            });
  }

  @Test
  void badKeySettings_failTheStartWithTheReason() {
    runner
        .withPropertyValues(K1, K2)
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("current-key must name"));
    runner
        .withPropertyValues(K1, K2, "taskport.link.current-key=k3")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("'k3' is not an active key"));
    runner
        .withPropertyValues(K1, "taskport.link.keys.k1.retired=true")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("every key"));
    runner
        .withPropertyValues(K1, "taskport.link.secret=0123456789abcdef0123456789abcdef")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("not both"));
    runner
        .withPropertyValues(K1, "taskport.link.ttl=2d")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("max-ttl"));
    runner
        .withPropertyValues("taskport.link.keys.k1.retired=false", K2)
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("k1.secret is not set"));
    runner
        .withPropertyValues("taskport.link.keys.k1.secret=short")
        .run(ctx -> assertThat(ctx).getFailure().rootCause().hasMessageContaining("at least 32 bytes"));
  }

  private static LinkSigner signer(org.springframework.context.ApplicationContext ctx) {
    return ctx.getBean(LinkSigner.class);
  }

  private boolean accepts(LinkSigner s, LinkSigner.SignedLink l) {
    return s.verify(id, "result", l.expires(), l.kid(), l.signature());
  }
}
