package io.taskport.redis;

import io.taskport.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The Lua scripts, read once from {@code io/taskport/redis/*.lua} with {@code lib.lua} in front,
 * and run with EVALSHA. A server that lost its script cache (SCRIPT FLUSH, a restart, a failover
 * to a replica) answers NOSCRIPT; the script is then sent whole with EVAL, which caches it again.
 */
final class Scripts {
  static final String CREATE = "create";
  static final String CLAIM = "claim";
  static final String HEARTBEAT = "heartbeat";
  static final String FINISH = "finish";
  static final String RETRY = "retry";
  static final String CANCEL = "cancel";
  static final String DELETE = "delete";
  static final String RECOVER = "recover";
  static final String PURGE = "purge";
  static final String DUE = "due";
  static final String RETRY_FAILED = "retry_failed";
  static final String CONFIRM = "confirm";

  private static final List<String> NAMES =
      List.of(
          CREATE, CLAIM, HEARTBEAT, FINISH, RETRY, CANCEL, DELETE, RECOVER, PURGE, DUE,
          RETRY_FAILED, CONFIRM);

  private final UnifiedJedis jedis;
  private final @Nullable ReplicaWait replicaWait;
  private final Map<String, Script> scripts = new ConcurrentHashMap<>();

  Scripts(UnifiedJedis jedis) {
    this(jedis, null);
  }

  /** Scripts whose terminal transitions also wait for replicas, when {@code replicaWait} is set. */
  Scripts(UnifiedJedis jedis, @Nullable ReplicaWait replicaWait) {
    this.jedis = jedis;
    this.replicaWait = replicaWait;
    String lib = read("lib");
    for (String name : NAMES) {
      // confirm runs the create script as a function, so both stay one definition of a create
      String text =
          name.equals(CONFIRM)
              ? lib + "local function create_task()\n" + read(CREATE) + "\nend\n" + read(name)
              : lib + read(name);
      scripts.put(name, new Script(text, sha1(text)));
    }
  }

  /**
   * Runs a script; every key it touches is in {@code keys}, all in one slot.
   *
   * @throws redis.clients.jedis.exceptions.JedisException if Redis fails; callers wrap it
   */
  Object run(String name, List<String> keys, List<String> args) {
    Script s = scripts.get(name);
    if (replicaWait != null && ReplicaWait.COVERED.contains(name)) {
      return replicaWait.run(jedis, name, s.sha, s.text, keys, args);
    }
    try {
      return jedis.evalsha(s.sha, keys, args);
    } catch (JedisNoScriptException e) {
      return jedis.eval(s.text, keys, args);
    }
  }

  private static String read(String name) {
    String path = name + ".lua";
    try (InputStream in = Scripts.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource io/taskport/redis/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read script io/taskport/redis/" + path, e);
    }
  }

  private static String sha1(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  private record Script(String text, String sha) {}
}
