package io.taskport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.taskport.testkit.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkSignerTest {
  private static final byte[] K1 = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final byte[] K2 = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);

  private final ManualClock clock = new ManualClock();
  private final LinkSigner signer = LinkSigner.builder().key("k1", K1).clock(clock).build();
  private final TaskId id = TaskId.random();

  @Test
  void verify_acceptsOnlyTheUntouchedLinkBeforeItExpires() {
    LinkSigner.SignedLink link = signer.sign(id, "result", Duration.ofMinutes(5));
    String sig = link.signature();
    long exp = link.expires();
    assertThat(link.kid()).isEqualTo("k1");
    assertThat(signer.verify(id, "result", exp, "k1", sig)).isTrue();
    char flipped = sig.charAt(3) == 'A' ? 'B' : 'A';
    String flippedSig = sig.substring(0, 3) + flipped + sig.substring(4);
    assertThat(signer.verify(id, "result", exp, "k1", flippedSig)).isFalse();
    assertThat(signer.verify(id, "result", exp, "k1", sig.substring(1))).isFalse();
    assertThat(signer.verify(id, "result", exp, "k1", "")).isFalse();
    assertThat(signer.verify(id, "result", exp, "k1", null)).isFalse();
    assertThat(signer.verify(id, "errors", exp, "k1", sig)).isFalse();
    assertThat(signer.verify(TaskId.random(), "result", exp, "k1", sig)).isFalse();
    assertThat(signer.verify(id, "result", exp + 1, "k1", sig)).isFalse();
    assertThat(signer.verify(id, "result", exp, "k1", sig.toUpperCase())).isFalse();
    assertThat(signer.verify(id, "result", exp, "k2", sig)).isFalse();
    assertThat(signer.verify(id, "result", exp, null, sig)).isFalse();
  }

  @Test
  void boundLink_verifiesOnlyForItsPrincipal_andNeverAsAnUnboundOne() {
    LinkSigner.SignedLink bound = signer.signFor("ann", id, "result", Duration.ofMinutes(5));
    long exp = bound.expires();
    String sig = bound.signature();
    assertThat(bound.query()).doesNotContain("ann");
    assertThat(signer.verifyFor("ann", id, "result", exp, "k1", sig)).isTrue();
    assertThat(signer.verifyFor("bob", id, "result", exp, "k1", sig)).isFalse();
    assertThat(signer.verifyFor("Ann", id, "result", exp, "k1", sig)).isFalse();
    assertThat(signer.verifyFor(null, id, "result", exp, "k1", sig)).isFalse();
    assertThat(signer.verifyFor("", id, "result", exp, "k1", sig)).isFalse();
    assertThat(signer.verify(id, "result", exp, "k1", sig)).isFalse();
    assertThat(signer.verifyFor("ann", id, "errors", exp, "k1", sig)).isFalse();

    LinkSigner.SignedLink unbound = signer.sign(id, "result", Duration.ofMinutes(5));
    assertThat(signer.verifyFor("ann", id, "result", unbound.expires(), "k1", unbound.signature()))
        .isFalse();
    assertThatThrownBy(() -> signer.signFor("", id, "result", Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verify_judgesExpiryWithTheSkew() {
    LinkSigner.SignedLink link = signer.sign(id, "result", Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5).plus(LinkSigner.DEFAULT_SKEW));
    assertThat(signer.verify(id, "result", link.expires(), "k1", link.signature())).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(signer.verify(id, "result", link.expires(), "k1", link.signature())).isFalse();

    LinkSigner strict = LinkSigner.builder().key("k1", K1).clock(clock).skew(Duration.ZERO).build();
    LinkSigner.SignedLink l2 = strict.sign(id, "result", Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5));
    assertThat(strict.verify(id, "result", l2.expires(), "k1", l2.signature())).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(strict.verify(id, "result", l2.expires(), "k1", l2.signature())).isFalse();
  }

  @Test
  void verify_rejectsAnExpiryFurtherAwayThanTheMaxTtl() {
    LinkSigner ahead = LinkSigner.builder().key("k1", K1).clock(clock).build();
    clock.advance(Duration.ofMinutes(1));
    LinkSigner.SignedLink fromTheFuture = ahead.sign(id, "result", Duration.ofDays(1));
    clock.advance(Duration.ofMinutes(-1));
    assertThat(signer.verify(id, "result", fromTheFuture.expires(), "k1", fromTheFuture.signature()))
        .isFalse();
    clock.advance(Duration.ofSeconds(30));
    assertThat(signer.verify(id, "result", fromTheFuture.expires(), "k1", fromTheFuture.signature()))
        .isTrue();
  }

  @Test
  void rotation_oldLinksWorkUntilTheirKeyIsRetired() {
    LinkSigner before = LinkSigner.builder().key("k1", K1).clock(clock).build();
    LinkSigner adding = LinkSigner.builder().key("k1", K1).key("k2", K2).current("k1").clock(clock).build();
    LinkSigner switched =
        LinkSigner.builder().key("k1", K1).key("k2", K2).current("k2").clock(clock).build();
    LinkSigner retired = LinkSigner.builder().key("k2", K2).clock(clock).build();

    LinkSigner.SignedLink old = before.sign(id, "result", Duration.ofMinutes(5));
    LinkSigner.SignedLink fresh = switched.sign(id, "result", Duration.ofMinutes(5));
    assertThat(fresh.kid()).isEqualTo("k2");
    assertThat(adding.sign(id, "result", Duration.ofMinutes(5)).kid()).isEqualTo("k1");
    for (LinkSigner s : new LinkSigner[] {before, adding, switched}) {
      assertThat(s.verify(id, "result", old.expires(), "k1", old.signature())).isTrue();
    }
    assertThat(retired.verify(id, "result", old.expires(), "k1", old.signature())).isFalse();
    assertThat(retired.verify(id, "result", fresh.expires(), "k2", fresh.signature())).isTrue();
    assertThat(switched.verify(id, "result", fresh.expires(), "k1", fresh.signature())).isFalse();
    assertThat(before.verify(id, "result", fresh.expires(), "k2", fresh.signature())).isFalse();
  }

  @Test
  void sign_refusesLongLinks_andTheBuilderBadKeys() {
    assertThatThrownBy(() -> signer.sign(id, "result", Duration.ofDays(1).plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most PT24H");
    LinkSigner shortLived =
        LinkSigner.builder().key("k1", K1).clock(clock).maxTtl(Duration.ofMinutes(10)).build();
    assertThatThrownBy(() -> shortLived.sign(id, "result", Duration.ofMinutes(11)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LinkSigner.builder().key("k1", new byte[16]))
        .hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> LinkSigner.builder().key("k 1", K1)).hasMessageContaining("key id");
    assertThatThrownBy(() -> LinkSigner.builder().key("k1", K1).key("k1", K2))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> LinkSigner.builder().build()).hasMessageContaining("at least one key");
    assertThatThrownBy(() -> LinkSigner.builder().key("k1", K1).key("k2", K2).build())
        .hasMessageContaining("no current key");
    assertThatThrownBy(() -> LinkSigner.builder().key("k1", K1).current("k3").build())
        .hasMessageContaining("'k3' is not among");
    assertThat(signer.toString()).doesNotContain("0123456789").contains("k1");
  }

  /** RELIABILITY.md 22: signatures are compared in constant time, never with equals. */
  @Test
  void verifierSource_comparesSignaturesOnlyWithMessageDigestIsEqual() throws IOException {
    String source =
        Files.readString(Path.of("src/main/java/io/taskport/LinkSigner.java"), StandardCharsets.UTF_8);
    assertThat(source)
        .contains("MessageDigest.isEqual(")
        .doesNotContain(".equals(")
        .doesNotContain("Arrays.equals")
        .doesNotContain("equalsIgnoreCase")
        .doesNotContain("compareTo(signature")
        .doesNotContain(".contentEquals(");
  }
}
