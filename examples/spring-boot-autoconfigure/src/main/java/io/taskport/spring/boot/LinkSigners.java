package io.taskport.spring.boot;

import io.taskport.LinkSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the {@link LinkSigner} from {@code taskport.link.*}. */
final class LinkSigners {
  private static final Logger log = LoggerFactory.getLogger(LinkSigners.class);

  private LinkSigners() {}

  static LinkSigner from(LinkProperties link, Clock clock) {
    LinkSigner.Builder b =
        LinkSigner.builder().clock(clock).skew(link.getSkew()).maxTtl(link.getMaxTtl());
    String secret = link.getSecret();
    boolean single = secret != null && !secret.isEmpty();
    if (single && !link.getKeys().isEmpty()) {
      throw new IllegalStateException(
          "set either taskport.link.secret or taskport.link.keys, not both");
    }
    if (single) {
      b.key("default", secret.getBytes(StandardCharsets.UTF_8));
    } else if (link.getKeys().isEmpty()) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      b.key("random", key);
      log.warn(
          "taskport.link.keys is not set: download links are signed with a random key, so they"
              + " stop working when the application restarts and are rejected by other nodes");
    } else {
      List<String> active = keys(link.getKeys(), b);
      String current = link.getCurrentKey();
      if (current != null && !active.contains(current)) {
        throw new IllegalStateException(
            "taskport.link.current-key '" + current + "' is not an active key of " + active);
      }
      if (current == null && active.size() > 1) {
        throw new IllegalStateException(
            "taskport.link.current-key must name one of the active keys " + active);
      }
      b.current(current != null ? current : active.get(0));
    }
    if (link.getTtl().compareTo(link.getMaxTtl()) > 0) {
      throw new IllegalStateException(
          "taskport.link.ttl " + link.getTtl() + " is over taskport.link.max-ttl " + link.getMaxTtl());
    }
    return b.build();
  }

  private static List<String> keys(Map<String, LinkProperties.Key> keys, LinkSigner.Builder b) {
    List<String> active = new ArrayList<>();
    keys.forEach(
        (kid, key) -> {
          if (key.isRetired()) {
            return; // its secret may already be gone
          }
          String secret = key.getSecret();
          if (secret == null || secret.isEmpty()) {
            throw new IllegalStateException("taskport.link.keys." + kid + ".secret is not set");
          }
          b.key(kid, secret.getBytes(StandardCharsets.UTF_8));
          active.add(kid);
        });
    if (active.isEmpty()) {
      throw new IllegalStateException(
          "every key of taskport.link.keys " + keys.keySet() + " is retired; keep one active");
    }
    return active;
  }
}
