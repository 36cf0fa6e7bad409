package io.taskport.testkit;

import io.taskport.StoreException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults on cue for {@link FaultyTaskStore}: the next calls of one store method throw a {@link
 * StoreException}, throw an {@link Error}, or hang until {@link #releaseHangs()}. Thread-safe.
 */
public final class StoreFaults {
  /** The store methods the engine calls. */
  public enum Call {
    CREATE, GET, CLAIM, HEARTBEAT, COMPLETE, FAIL, CANCELLED, RELEASE, RECOVER, PURGE
  }

  /** What a cued call does. */
  public enum Fault {
    /** Throws {@link StoreException}: the store is briefly unreachable. */
    EXCEPTION,
    /** Throws {@link InjectedError}: a broken driver, a linkage error. */
    ERROR,
    /** Blocks until the hangs are released: a connection that never answers. */
    HANG,
    /** Blocks until the hangs are released, then goes on: a slow answer that does come. */
    HOLD
  }

  /** The error a cued call throws; an {@link Error}, so code that catches only runtime faults misses it. */
  public static final class InjectedError extends Error {
    private static final long serialVersionUID = 1L;

    InjectedError(String message) {
      super(message);
    }
  }

  private record Cue(Fault fault, AtomicInteger left) {}

  private final Map<Call, Cue> cues = new ConcurrentHashMap<>();
  private final Map<Call, AtomicInteger> hits = new ConcurrentHashMap<>();
  private volatile CountDownLatch hangs = new CountDownLatch(1);

  /** Makes the next {@code times} calls of {@code call} fail with {@code fault}. */
  public void cue(Call call, Fault fault, int times) {
    cues.put(call, new Cue(fault, new AtomicInteger(times)));
  }

  /** Makes every later call of {@code call} fail with {@code fault}, until {@link #clear}. */
  public void always(Call call, Fault fault) {
    cue(call, fault, Integer.MAX_VALUE);
  }

  /** Stops failing {@code call}. */
  public void clear(Call call) {
    cues.remove(call);
  }

  /** Lets every hung call return (a HANG then fails with a {@link StoreException}). */
  public void releaseHangs() {
    CountDownLatch h = hangs;
    hangs = new CountDownLatch(1);
    h.countDown();
  }

  /** Returns how many cued faults {@code call} has raised so far. */
  public int hits(Call call) {
    AtomicInteger n = hits.get(call);
    return n == null ? 0 : n.get();
  }

  private void awaitRelease() {
    try {
      hangs.await(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Called first by every store method: raises the fault cued for it, if any. */
  void before(Call call) {
    Cue cue = cues.get(call);
    if (cue == null || cue.left().getAndDecrement() <= 0) {
      return;
    }
    hits.computeIfAbsent(call, c -> new AtomicInteger()).incrementAndGet();
    switch (cue.fault()) {
      case EXCEPTION -> throw new StoreException("injected " + call + " failure");
      case ERROR -> throw new InjectedError("injected " + call + " error");
      case HANG -> {
        awaitRelease();
        throw new StoreException("injected " + call + " hang ended");
      }
      case HOLD -> awaitRelease();
    }
  }
}
