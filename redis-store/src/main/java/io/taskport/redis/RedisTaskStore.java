package io.taskport.redis;

import static io.taskport.redis.Calls.call;
import static java.util.Objects.requireNonNull;

import io.taskport.AdminQuery;
import io.taskport.OwnerCount;
import io.taskport.Page;
import io.taskport.Progress;
import io.taskport.StoreException;
import io.taskport.Submission;
import io.taskport.Subscription;
import io.taskport.Task;
import io.taskport.TaskCount;
import io.taskport.TaskError;
import io.taskport.TaskId;
import io.taskport.TaskListener;
import io.taskport.TaskQuery;
import io.taskport.TaskResult;
import io.taskport.store.CancelOutcome;
import io.taskport.store.ClaimRules;
import io.taskport.store.Fence;
import io.taskport.store.Heartbeat;
import io.taskport.store.NewTask;
import io.taskport.store.TaskStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * A {@link TaskStore} on Redis 7, for a single server ({@code RedisClient}) or a cluster ({@code
 * RedisClusterClient}, {@code JedisCluster}). Every transition is one Lua script, so it is atomic;
 * leases, due times and expiries are judged by Redis's own clock ({@code TIME} inside the script).
 * All keys share one hash tag, {@code {prefix}}, so every script touches a single slot. Status and progress events
 * go out on Redis pub/sub; see {@link #subscribe}.
 *
 * <p>Redis must run with {@code maxmemory-policy noeviction}: an evicting policy may silently drop
 * tasks or index entries, so {@link Builder#build()} refuses any other policy it can read. Redis's
 * replication is asynchronous, so a failover may lose the last acknowledged transitions; see
 * {@link Builder#waitReplicas}. Behind Sentinel, pass a {@code RedisSentinelClient}.
 *
 * <p>Thread-safe. The store closes the {@code UnifiedJedis} only when it created it itself.
 */
public final class RedisTaskStore implements TaskStore {
  /** The key prefix used unless another is set. */
  public static final String DEFAULT_PREFIX = "taskport";

  private final UnifiedJedis jedis;
  private final boolean ownsJedis;
  private final Keys keys;
  private final Fenced fenced;
  private final Creator creator;
  private final Claimer claimer;
  private final Sweeper sweeper;
  private final Events events;
  private final Admin admin;
  private final Removals removals;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisTaskStore(Builder b) {
    this.jedis = b.jedis;
    this.ownsJedis = b.ownsJedis;
    this.keys = new Keys(b.prefix);
    Scripts scripts = new Scripts(jedis, b.replicaWait);
    this.fenced = new Fenced(jedis, keys, scripts);
    this.creator = new Creator(keys, scripts, this::get);
    this.claimer = new Claimer(jedis, keys, scripts, fenced);
    this.sweeper = new Sweeper(jedis, keys, scripts);
    this.events = new Events(jedis, keys.events());
    this.admin = new Admin(jedis, keys, scripts);
    this.removals = new Removals(jedis, keys, scripts);
  }

  /** Returns a builder for a store on the given client, which the caller keeps and closes. */
  public static Builder builder(UnifiedJedis jedis) {
    return new Builder(requireNonNull(jedis, "jedis"), false);
  }

  /**
   * Returns a builder for a store on a pooled client for {@code uri} ({@code
   * redis://host:port}), which the store creates and closes.
   */
  public static Builder builder(URI uri) {
    return new Builder(RedisClient.create(requireNonNull(uri, "uri")), true);
  }

  @Override
  public Submission create(NewTask n) {
    requireNonNull(n, "task");
    return call("create", keys.task(n.id()), () -> creator.create(n));
  }

  @Override
  public Optional<Task> get(TaskId id) {
    String key = keys.task(requireNonNull(id, "id"));
    return call("get", key, () -> Listing.get(jedis, key));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Index entries of tasks whose hash has vanished are removed on the way. A task whose hash
   * does not decode is left out of the page with a WARN naming its key.
   */
  @Override
  public Page<Task> list(TaskQuery query) {
    requireNonNull(query, "query");
    return call("list", keys.owner(query.owner()), () -> Listing.page(jedis, keys, query));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One script claims the whole batch, in one round trip when the store's hints of the ready
   * tasks are fresh (a second one otherwise).
   */
  @Override
  public List<Task> claim(String workerId, Set<String> types, Duration lease, int max) {
    checkClaim(workerId, types, lease);
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    return claim(workerId, types, lease, max, ClaimRules.NONE);
  }

  /**
   * {@inheritDoc}
   *
   * <p>One script claims the batch and checks the rules. RUNNING limits count the members of the
   * {@code {prefix}:run} index, which every move out of RUNNING leaves; at the limit, members
   * whose task holds no lease are dropped first, so no path can leak a slot. Fair claiming takes
   * tasks by turn: each fairness key's tasks take consecutive turns, and a key's first task the
   * turn being served, so the next claim finds the next key's task at the head of one sorted set
   * per type, O(log n) whatever the backlog. With a per-owner RUNNING limit, tasks of an owner at
   * its limit are passed over within the few dozen best of each type the script looks at.
   */
  @Override
  public List<Task> claim(
      String workerId, Set<String> types, Duration lease, int max, ClaimRules rules) {
    checkClaim(workerId, types, lease);
    requireNonNull(rules, "rules");
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    return call(
        "claim", workerId, () -> claimer.claimNow(workerId, types, lease, max, rules).tasks());
  }

  /** Returns {@code true}: every scheduling rule is enforced in the create and claim scripts. */
  @Override
  public boolean enforcesScheduling() {
    return true;
  }

  /**
   * Claims one task like {@link #claim(String, Set, Duration, int)}, but when no task is due
   * waits on Redis for one, up to {@code maxWait}, as {@link #awaitWork} does.
   *
   * @return the claimed task, or empty when none became due within {@code maxWait}, or the thread
   *     was interrupted (its flag stays set)
   * @throws StoreException if Redis fails
   */
  public Optional<Task> claim(
      String workerId, Set<String> types, Duration lease, Duration maxWait) {
    checkClaim(workerId, types, lease);
    requireNonNull(maxWait, "maxWait");
    return call("claim", workerId, () -> claimer.claimWaiting(workerId, types, lease, maxWait));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Returns at once when a task of these types is due by Redis's clock (asking Redis, unless a
   * claim of the same types on this store came back short less than 5 ms before: a task created,
   * retried or released since has pushed a wake-up token, which ends the wait). Otherwise blocks one
   * connection of the client on {@code BLPOP} of the types' wake-up lists, which every create,
   * retry, release and recovery of those types pushes a token to, until a token arrives, the next
   * delayed retry is due by Redis's clock, or {@code maxWait} has passed. A token meant for a task
   * that another node has taken meanwhile ends the wait early. The wait is cut into {@code BLPOP}s
   * of at most 100 ms, so an interrupt ends it within that time. Size the pool for one connection
   * per waiting caller plus the rest of the traffic.
   *
   * @return {@code true}: this store always waits
   * @throws StoreException if Redis fails
   */
  @Override
  public boolean awaitWork(Set<String> types, Duration maxWait) throws InterruptedException {
    checkClaim("", types, requireNonNull(maxWait, "maxWait"));
    claimer.awaitWork(types, maxWait);
    return true;
  }

  private static void checkClaim(String workerId, Set<String> types, Duration lease) {
    requireNonNull(workerId, "workerId");
    requireNonNull(lease, "lease");
    if (types.isEmpty()) {
      throw new IllegalArgumentException("types must not be empty");
    }
  }

  @Override
  public Heartbeat heartbeat(
      Fence fence, Progress progress, @Nullable String checkpoint, Duration lease) {
    requireNonNull(progress, "progress");
    requireNonNull(lease, "lease");
    return fenced.heartbeat(fence, progress, checkpoint, lease);
  }

  /** {@inheritDoc} One script both saves the progress and completes the task. */
  @Override
  public boolean complete(Fence fence, TaskResult result, Progress progress) {
    requireNonNull(result, "result");
    requireNonNull(progress, "progress");
    return fenced.finish(fence, "COMPLETED", TaskCodec.json(result), null, progress);
  }

  @Override
  public boolean fail(Fence fence, TaskError error, @Nullable Duration retryAfter) {
    requireNonNull(error, "error");
    if (retryAfter == null) {
      return fenced.finish(fence, "FAILED", "", error, null);
    }
    return fenced.requeue(fence, "retry", TaskCodec.millis(retryAfter), error);
  }

  @Override
  public boolean cancelled(Fence fence) {
    return fenced.finish(fence, "CANCELLED", "", null, null);
  }

  @Override
  public boolean release(Fence fence) {
    return fenced.requeue(fence, "release", 0, null);
  }

  @Override
  public CancelOutcome requestCancel(TaskId id) {
    String key = keys.task(requireNonNull(id, "id"));
    return call("requestCancel", key, () -> removals.requestCancel(key, id));
  }

  @Override
  public boolean delete(TaskId id) {
    String key = keys.task(requireNonNull(id, "id"));
    return call("delete", key, () -> removals.delete(key, id));
  }

  @Override
  public List<Task> recoverExpiredLeases(int limit) {
    return call("recoverExpiredLeases", keys.leases(), () -> sweeper.recover(limit));
  }

  @Override
  public List<Task> purgeExpired(int limit) {
    return call("purgeExpired", keys.expiries(), () -> sweeper.purge(limit));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the {@code {prefix}:all} index, or the owner's when the query names one. Tasks
   * created by a version before 0.3, which had no such index, appear only in listings of one
   * owner.
   */
  @Override
  public Page<Task> listAll(AdminQuery query) {
    requireNonNull(query, "query");
    return call("listAll", keys.all(), () -> admin.list(query));
  }

  /** {@inheritDoc} One pass over the {@code all} index, reading type and status in pipelines. */
  @Override
  public List<TaskCount> counts() {
    return call("counts", keys.all(), admin::counts);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reads the by-owner members of the {@code {prefix}:act} and {@code {prefix}:run} indexes,
   * so it costs one pass over the active tasks. Tasks created by a version before 0.4 are not in
   * them and are left out.
   */
  @Override
  public List<OwnerCount> activeOwners(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    return call("activeOwners", keys.act(), () -> admin.activeOwners(limit));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One script: the create script's caps and creation run inside the confirm script, which
   * marks the check only when the load was created.
   */
  @Override
  public Optional<Task> confirm(TaskId check, NewTask load) {
    requireNonNull(check, "check");
    requireNonNull(load, "load");
    return call("confirm", keys.task(check), () -> creator.confirm(check, load));
  }

  @Override
  public boolean retry(TaskId id, int attempts) {
    requireNonNull(id, "id");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
    }
    return call("retry", keys.task(id), () -> admin.retry(id, attempts));
  }

  /**
   * Subscribes to the events every node's transitions publish on this store's channel. A
   * dedicated thread, {@code taskport-redis-events}, holds one connection of the client in
   * SUBSCRIBE, calls the listener for each event, and subscribes again after a connection loss
   * (events published meanwhile are lost: pub/sub does not store them). Closing the subscription,
   * or the store, stops the thread.
   *
   * @return the subscription; never empty
   */
  @Override
  public Optional<Subscription> subscribe(TaskListener listener) {
    requireNonNull(listener, "listener");
    if (closed.get()) {
      throw new IllegalStateException("store is closed");
    }
    return Optional.of(events.subscribe(listener));
  }

  /** Stops every subscription, and closes the client if the store created it. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      events.close();
      if (ownsJedis) {
        jedis.close();
      }
    }
  }

  @Override
  public String toString() {
    return "RedisTaskStore[" + keys.tag() + "]";
  }

  /** Keys of this store, for tests in this package. */
  Keys keys() {
    return keys;
  }

  /** Builds a {@link RedisTaskStore}. Not thread-safe. */
  public static final class Builder {
    private final UnifiedJedis jedis;
    private final boolean ownsJedis;
    private String prefix = DEFAULT_PREFIX;
    private boolean checkServer = true;
    private @Nullable ReplicaWait replicaWait;

    private Builder(UnifiedJedis jedis, boolean ownsJedis) {
      this.jedis = jedis;
      this.ownsJedis = ownsJedis;
    }

    /**
     * Sets the key prefix; keys are {@code {prefix}:...}. Stores with different prefixes on one
     * Redis are independent.
     *
     * @throws IllegalArgumentException if it is empty, longer than 100 characters, or has a brace
     */
    public Builder prefix(String prefix) {
      new Keys(requireNonNull(prefix, "prefix"));
      this.prefix = prefix;
      return this;
    }

    /** Sets whether {@link #build()} checks the server's eviction policy; on by default. */
    public Builder checkServer(boolean checkServer) {
      this.checkServer = checkServer;
      return this;
    }

    /**
     * After each terminal transition (complete, fail without retry, cancel), waits with {@code
     * WAIT replicas timeout} until that many replicas acknowledged it; off by default. When fewer
     * do in time, the call throws a {@link StoreException} although the primary applied it, so the
     * worker retries the same fenced write. Best effort, as Redis documents WAIT: it narrows the
     * window in which a failover loses a finished task, and closes it only if the promoted replica
     * is one that acknowledged. Keep {@code timeout} below the client's socket timeout.
     *
     * @throws IllegalArgumentException if {@code replicas} is below 1 or {@code timeout} is not
     *     positive
     */
    public Builder waitReplicas(int replicas, Duration timeout) {
      this.replicaWait = new ReplicaWait(replicas, requireNonNull(timeout, "timeout"));
      return this;
    }

    /**
     * Builds the store and, unless disabled, reads {@code CONFIG GET maxmemory-policy} from the
     * node that serves the store's keys. A server that refuses CONFIG (managed services often
     * disable it) is logged at INFO and accepted.
     *
     * @throws IllegalStateException if the server reports a policy other than {@code noeviction},
     *     which could evict tasks silently; the store's own client is closed first
     */
    public RedisTaskStore build() {
      RedisTaskStore store = new RedisTaskStore(this);
      if (checkServer) {
        try {
          ServerCheck.requireNoEviction(jedis, store.keys);
        } catch (IllegalStateException e) {
          store.close();
          throw e;
        }
      }
      return store;
    }
  }
}
