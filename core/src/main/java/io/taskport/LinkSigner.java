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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies expiring download links, so a browser can fetch a task's file without a
 * session. The signature is HMAC-SHA256 over the task id, the file (such as {@code result} or
 * {@code errors}) and the expiry; verification is constant-time. The link still does not replace
 * the state check at download: the task must exist and be COMPLETED.
 *
 * <p>Thread-safe. {@code toString()} never shows the secret.
 */
public final class LinkSigner {
  /** Links last at most a day. */
  public static final Duration MAX_TTL = Duration.ofDays(1);

  private final SecretKeySpec key;
  private final Clock clock;

  /**
   * Creates a signer.
   *
   * @param secret at least 32 bytes of secret key material
   * @throws IllegalArgumentException if the secret is shorter than 32 bytes
   */
  public LinkSigner(byte[] secret, Clock clock) {
    requireNonNull(secret, "secret");
    if (secret.length < 32) {
      throw new IllegalArgumentException(
          "link secret must be at least 32 bytes, was " + secret.length);
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Returns a signed link that expires after {@code ttl}.
   *
   * @throws IllegalArgumentException if the ttl is not positive or longer than {@link #MAX_TTL}
   */
  public SignedLink sign(TaskId taskId, String file, Duration ttl) {
    requireNonNull(taskId, "taskId");
    requireNonNull(file, "file");
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("link ttl must be positive and at most " + MAX_TTL);
    }
    long expires = clock.instant().plus(ttl).getEpochSecond();
    return new SignedLink(taskId, file, expires, signature(taskId, file, expires));
  }

  /**
   * Returns whether a signature is this signer's for these values and has not expired. Malformed
   * input gives {@code false}, never an exception.
   */
  public boolean verify(TaskId taskId, String file, long expiresEpochSecond, String signature) {
    if (taskId == null || file == null || signature == null) {
      return false;
    }
    if (Instant.ofEpochSecond(expiresEpochSecond).isBefore(clock.instant())) {
      return false;
    }
    byte[] expected =
        signature(taskId, file, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }

  private String signature(TaskId taskId, String file, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      String data = taskId.value() + "\n" + file + "\n" + expires;
      byte[] sig = mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "LinkSigner[HmacSHA256]";
  }

  /**
   * A signed link's parts, to put in a URL.
   *
   * @param taskId the task
   * @param file which file of the task
   * @param expires expiry, in epoch seconds
   * @param signature URL-safe base64 HMAC
   */
  public record SignedLink(TaskId taskId, String file, long expires, String signature) {
    /** Returns the query string {@code file=..&expires=..&signature=..}. */
    public String query() {
      return "file=" + file + "&expires=" + expires + "&signature=" + signature;
    }
  }
}
