package io.taskport.spring.boot;

import io.taskport.LinkSigner;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Settings of signed download links, under {@code taskport.link}. */
public class LinkProperties {
  /** Creates the settings with their defaults. */
  public LinkProperties() {}

  /**
   * Single-key shorthand: a secret of at least 32 bytes (UTF-8), used as key id
   * "default". Leave unset when keys are given. When neither is set, a random key is made
   * at startup: links then stop working on restart and on other nodes.
   */
  private @Nullable String secret;

  /**
   * Signing keys by key id (the kid carried in links): each with a secret and whether it
   * is retired. Links signed with any key that is not retired are accepted.
   */
  private final Map<String, Key> keys = new LinkedHashMap<>();

  /** Id of the key that signs new links; optional when only one key is active. */
  private @Nullable String currentKey;

  /** How long a signed download link is valid; at most max-ttl. */
  private Duration ttl = Duration.ofMinutes(5);

  /** The longest lifetime a link may be issued with. */
  private Duration maxTtl = LinkSigner.DEFAULT_MAX_TTL;

  /** Tolerance for clock differences between nodes when judging a link's expiry. */
  private Duration skew = LinkSigner.DEFAULT_SKEW;

  /** Returns the single-key secret, or {@code null}. */
  public @Nullable String getSecret() {
    return secret;
  }

  /** Sets the single-key secret. */
  public void setSecret(@Nullable String secret) {
    this.secret = secret;
  }

  /** Returns the keys by id. */
  public Map<String, Key> getKeys() {
    return keys;
  }

  /** Returns the id of the signing key, or {@code null} to take the only active one. */
  public @Nullable String getCurrentKey() {
    return currentKey;
  }

  /** Sets the id of the signing key. */
  public void setCurrentKey(@Nullable String currentKey) {
    this.currentKey = currentKey;
  }

  /** Returns the link lifetime. */
  public Duration getTtl() {
    return ttl;
  }

  /** Sets the link lifetime. */
  public void setTtl(Duration ttl) {
    this.ttl = ttl;
  }

  /** Returns the longest link lifetime. */
  public Duration getMaxTtl() {
    return maxTtl;
  }

  /** Sets the longest link lifetime. */
  public void setMaxTtl(Duration maxTtl) {
    this.maxTtl = maxTtl;
  }

  /** Returns the clock-skew tolerance. */
  public Duration getSkew() {
    return skew;
  }

  /** Sets the clock-skew tolerance. */
  public void setSkew(Duration skew) {
    this.skew = skew;
  }

  @Override
  public String toString() {
    return "Link[secret="
        + (secret == null ? "unset" : "***")
        + ", keys="
        + keys
        + ", currentKey="
        + currentKey
        + ", ttl="
        + ttl
        + "]";
  }

  /** One link-signing key. */
  public static class Key {
      /** Creates a key with no secret. */
      public Key() {}

    /** Secret of at least 32 bytes (UTF-8). */
    private @Nullable String secret;

    /** Whether links signed with this key are refused; keep it listed to document the rotation. */
    private boolean retired;

    /** Returns the secret. */
    public @Nullable String getSecret() {
      return secret;
    }

    /** Sets the secret. */
    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }

    /** Returns whether the key is retired. */
    public boolean isRetired() {
      return retired;
    }

    /** Sets whether the key is retired. */
    public void setRetired(boolean retired) {
      this.retired = retired;
    }

    @Override
    public String toString() {
      return "Key[secret=***, retired=" + retired + "]";
    }
  }
}
