package io.taskport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkSignerTest {
  private final ManualClock clock = new ManualClock();
  private final LinkSigner signer =
      new LinkSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
  private final TaskId id = TaskId.random();

  @Test
  void verify_acceptsOnlyTheUntouchedLinkBeforeItExpires() {
    LinkSigner.SignedLink link = signer.sign(id, "result", Duration.ofMinutes(5));
    String sig = link.signature();
    assertThat(signer.verify(id, "result", link.expires(), sig)).isTrue();
    char flipped = sig.charAt(3) == 'A' ? 'B' : 'A';
    assertThat(signer.verify(id, "result", link.expires(), sig.substring(0, 3) + flipped + sig.substring(4))).isFalse();
    assertThat(signer.verify(id, "result", link.expires(), sig.substring(1))).isFalse();
    assertThat(signer.verify(id, "result", link.expires(), "")).isFalse();
    assertThat(signer.verify(id, "errors", link.expires(), sig)).isFalse();
    assertThat(signer.verify(TaskId.random(), "result", link.expires(), sig)).isFalse();
    assertThat(signer.verify(id, "result", link.expires() + 1, sig)).isFalse();
    assertThat(signer.verify(id, "result", link.expires(), sig.toUpperCase())).isFalse();
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(signer.verify(id, "result", link.expires(), sig)).isFalse();
  }

  @Test
  void sign_refusesLongLinksAndShortSecrets() {
    assertThatThrownBy(() -> signer.sign(id, "result", Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LinkSigner(new byte[16], clock))
        .hasMessageContaining("at least 32 bytes");
    assertThat(signer.toString()).doesNotContain("0123456789");
  }
}
