package io.taskport;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Signs and verifies expiring download links, so a browser can fetch a task's file without a
 * session. The signature is HMAC-SHA256 over the key id, the task id, the file (such as {@code
 * result} or {@code errors}) and the expiry; verification is constant-time. The link still does
 * not replace the state check at download: the task must exist and be COMPLETED.
 *
 * <p>Keys rotate: a signer holds several keys by id ({@code kid}), signs with the current one and
 * verifies with any of them. To rotate, add the new key to every node, then make it current, then
 * remove (retire) the old one once its links have expired. A link naming an unknown or retired key
 * is rejected like a bad signature.
 *
 * <p>A link may also be bound to a principal ({@link #signFor}, {@link #verifyFor}): the signature
 * then covers the principal's name too, which the link does not carry, so it verifies only for a
 * request made by that principal. Bound and unbound signatures never verify as each other.
 *
 * <p>Expiry is judged by this node's clock, with a tolerance ({@link Builder#skew}) for the clocks
 * of the issuing and the verifying node differing.
 *
 * <p>Thread-safe and immutable. {@code toString()} never shows a secret.
 */
public final class LinkSigner {
  /** The default longest lifetime of a link. */
  public static final Duration DEFAULT_MAX_TTL = Duration.ofDays(1);

  /** The default tolerance for clock differences between nodes. */
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

  private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final String ALGORITHM = "HmacSHA256";

  private final Map<String, SecretKeySpec> keys;
  private final String current;
  private final Clock clock;
  private final Duration skew;
  private final Duration maxTtl;

  private LinkSigner(Builder b) {
    if (b.keys.isEmpty()) {
      throw new IllegalStateException("a link signer needs at least one key");
    }
    String cur = b.current;
    if (cur == null && b.keys.size() == 1) {
      cur = b.keys.keySet().iterator().next();
    }
    if (cur == null) {
      throw new IllegalStateException(
          "link signer has keys " + b.keys.keySet() + " but no current key to sign with");
    }
    if (!b.keys.containsKey(cur)) {
      throw new IllegalStateException(
          "current link key '" + cur + "' is not among the keys " + b.keys.keySet());
    }
    this.keys = Map.copyOf(b.keys);
    this.current = cur;
    this.clock = b.clock;
    this.skew = b.skew;
    this.maxTtl = b.maxTtl;
  }

  /** Returns a builder; add at least one key. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the id of the key new links are signed with. */
  public String currentKeyId() {
    return current;
  }

  /** Returns the longest lifetime {@link #sign} accepts. */
  public Duration maxTtl() {
    return maxTtl;
  }

  /**
   * Returns a link signed with the current key that expires after {@code ttl}.
   *
   * @throws IllegalArgumentException if the ttl is not positive or longer than {@link #maxTtl()}
   */
  public SignedLink sign(TaskId taskId, String file, Duration ttl) {
    return signed(taskId, file, ttl, null);
  }

  /**
   * Returns a link like {@link #sign}, bound to a principal: only {@link #verifyFor} with the same
   * principal name accepts it.
   *
   * @throws IllegalArgumentException if the principal is empty, or the ttl is not positive or
   *     longer than {@link #maxTtl()}
   */
  public SignedLink signFor(String principal, TaskId taskId, String file, Duration ttl) {
    requireNonNull(principal, "principal");
    if (principal.isEmpty()) {
      throw new IllegalArgumentException("principal must not be empty");
    }
    return signed(taskId, file, ttl, principal);
  }

  private SignedLink signed(
      TaskId taskId, String file, Duration ttl, @Nullable String principal) {
    requireNonNull(taskId, "taskId");
    requireNonNull(file, "file");
    requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(maxTtl) > 0) {
      throw new IllegalArgumentException(
          "link ttl must be positive and at most " + maxTtl + ", was " + ttl);
    }
    long expires = clock.instant().plus(ttl).getEpochSecond();
    String signature = signature(keys.get(current), current, taskId, file, expires, principal);
    return new SignedLink(taskId, file, expires, current, signature);
  }

  /**
   * Returns whether a signature was made by one of this signer's keys for these values, and the
   * link has neither expired nor claims to live longer than a link may. Malformed input, an unknown
   * key id and a retired key give {@code false}, never an exception.
   */
  public boolean verify(
      @Nullable TaskId taskId,
      @Nullable String file,
      long expiresEpochSecond,
      @Nullable String kid,
      @Nullable String signature) {
    return verified(taskId, file, expiresEpochSecond, kid, signature, null);
  }

  /**
   * Returns whether a link made by {@link #signFor} for this principal verifies, as {@link
   * #verify} does for unbound links. A {@code null} principal (an anonymous request), another
   * principal, and an unbound link all give {@code false}.
   */
  public boolean verifyFor(
      @Nullable String principal,
      @Nullable TaskId taskId,
      @Nullable String file,
      long expiresEpochSecond,
      @Nullable String kid,
      @Nullable String signature) {
    if (principal == null || principal.isEmpty()) {
      return false;
    }
    return verified(taskId, file, expiresEpochSecond, kid, signature, principal);
  }

  private boolean verified(
      @Nullable TaskId taskId,
      @Nullable String file,
      long expiresEpochSecond,
      @Nullable String kid,
      @Nullable String signature,
      @Nullable String principal) {
    if (taskId == null || file == null || kid == null || signature == null) {
      return false;
    }
    Instant now = clock.instant();
    Instant expires = Instant.ofEpochSecond(expiresEpochSecond);
    if (expires.plus(skew).isBefore(now) || expires.isAfter(now.plus(maxTtl).plus(skew))) {
      return false;
    }
    SecretKeySpec key = keys.get(kid);
    if (key == null) {
      return false;
    }
    byte[] expected =
        signature(key, kid, taskId, file, expiresEpochSecond, principal)
            .getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  private static String signature(
      SecretKeySpec key,
      String kid,
      TaskId taskId,
      String file,
      long expires,
      @Nullable String principal) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      String data = "v1\n" + kid + "\n" + taskId.value() + "\n" + file + "\n" + expires;
      if (principal != null) {
        // a different version tag, and the name encoded so it cannot run into the fields before it
        data =
            "v1p"
                + data.substring(2)
                + "\n"
                + Base64.getUrlEncoder()
                    .encodeToString(principal.getBytes(StandardCharsets.UTF_8));
      }
      byte[] sig = mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    }
  }

  @Override
  public String toString() {
    return "LinkSigner[" + ALGORITHM + ", keys=" + keys.keySet() + ", current=" + current + "]";
  }

  /** Builds a {@link LinkSigner}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private @Nullable String current;
    private Clock clock = Clock.systemUTC();
    private Duration skew = DEFAULT_SKEW;
    private Duration maxTtl = DEFAULT_MAX_TTL;

    private Builder() {}

    /**
     * Adds a key that verifies links; the current key also signs them.
     *
     * @param kid the key id carried in links, 1 to 32 characters of {@code [A-Za-z0-9_-]}
     * @param secret at least 32 bytes of secret key material
     * @throws IllegalArgumentException if the id is malformed or taken, or the secret too short
     */
    public Builder key(String kid, byte[] secret) {
      requireNonNull(kid, "kid");
      requireNonNull(secret, "secret");
      if (!KID.matcher(kid).matches()) {
        throw new IllegalArgumentException(
            "link key id must be 1 to 32 characters of [A-Za-z0-9_-], was '" + kid + "'");
      }
      if (secret.length < 32) {
        throw new IllegalArgumentException(
            "link key '" + kid + "' must be at least 32 bytes, was " + secret.length);
      }
      if (keys.putIfAbsent(kid, new SecretKeySpec(secret.clone(), ALGORITHM)) != null) {
        throw new IllegalArgumentException("link key '" + kid + "' is added twice");
      }
      return this;
    }

    /** Sets the id of the key that signs new links; optional when there is only one key. */
    public Builder current(String kid) {
      this.current = requireNonNull(kid, "kid");
      return this;
    }

    /** Sets the clock that issues and judges expiry; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets how far past its expiry a link is still accepted, and how far beyond the longest
     * lifetime its expiry may lie, to allow for clocks of different nodes; 30 seconds by default.
     *
     * @throws IllegalArgumentException if negative or over 5 minutes
     */
    public Builder skew(Duration skew) {
      requireNonNull(skew, "skew");
      if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("link skew must be 0 to 5 minutes, was " + skew);
      }
      this.skew = skew;
      return this;
    }

    /**
     * Sets the longest lifetime a link may be issued with; a day by default.
     *
     * @throws IllegalArgumentException if not positive or over 7 days
     */
    public Builder maxTtl(Duration maxTtl) {
      requireNonNull(maxTtl, "maxTtl");
      if (maxTtl.isNegative() || maxTtl.isZero() || maxTtl.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException(
            "link max ttl must be positive and at most 7 days, was " + maxTtl);
      }
      this.maxTtl = maxTtl;
      return this;
    }

    /**
     * Builds the signer.
     *
     * @throws IllegalStateException if there is no key, or no current key among several, or the
     *     current key id was not added
     */
    public LinkSigner build() {
      return new LinkSigner(this);
    }
  }

  /**
   * A signed link's parts, to put in a URL.
   *
   * @param taskId the task
   * @param file which file of the task
   * @param expires expiry, in epoch seconds
   * @param kid id of the key that signed it
   * @param signature URL-safe base64 HMAC
   */
  public record SignedLink(TaskId taskId, String file, long expires, String kid, String signature) {
    /** Returns the query string {@code file=..&expires=..&kid=..&signature=..}. */
    public String query() {
      return "file=" + file + "&expires=" + expires + "&kid=" + kid + "&signature=" + signature;
    }
  }
}
