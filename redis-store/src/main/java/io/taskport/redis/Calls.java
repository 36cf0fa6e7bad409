package io.taskport.redis;

import io.taskport.StoreException;
import io.taskport.TaskportException;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisException;

/** Runs one Redis operation and turns Jedis's failures into {@link StoreException}s. */
final class Calls {
  private Calls() {}

  /**
   * Runs {@code body}; a Jedis failure becomes a StoreException whose message names the operation
   * and its subject (a task id or key). An interrupt found in the cause chain is restored.
   */
  static <T> T call(String operation, Object subject, Supplier<T> body) {
    try {
      return body.get();
    } catch (JedisException e) {
      throw wrap(operation, subject, e);
    } catch (TaskportException e) {
      throw e;
    } catch (RuntimeException e) {
      // the pool throws plain IllegalStateException once closed, among others
      if (e instanceof IllegalArgumentException || e instanceof NullPointerException) {
        throw e;
      }
      throw wrap(operation, subject, e);
    }
  }

  static StoreException wrap(String operation, Object subject, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
    String hint =
        String.valueOf(e.getMessage()).startsWith("READONLY")
            ? " (the client is connected to a replica, for example a demoted primary after a"
                + " failover: connect through Sentinel so that it follows the primary)"
            : "";
    return new StoreException("Redis " + operation + " of " + subject + " failed: " + e + hint, e);
  }
}
