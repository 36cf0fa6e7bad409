package io.taskport.reliability;

import io.taskport.NonRetryableException;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.testkit.InvocationAudit;
import io.taskport.TaskId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The export handlers of the suite. Each records its invocations in the audit, apart from
 * Taskport's state.
 *
 * <ul>
 *   <li>{@value #AUDITED}: works {@code ms} milliseconds (params; {@code rerunMs} on later
 *       attempts, when given), spinning every core when {@code cpu} is true, checks for
 *       cancellation, then writes {@code rows} rows;
 *   <li>{@value #LIMITED}: the same work under a type of its own, for a cluster-wide type limit;
 *   <li>{@value #POISON}: halts its JVM as soon as it starts, as a task that crashes its worker;
 *   <li>{@value #STRICT}: takes typed params, so a task whose stored params no longer match fails.
 * </ul>
 */
final class Handlers {
  static final String AUDITED = "audited";
  static final String LIMITED = "limited";
  static final String POISON = "poison";
  static final String STRICT = "strict";

  /** The typed params of the strict export. */
  record StrictParams(int count) {}

  /** When an in-JVM audited handler stopped on cancellation or a lost lease, by task. */
  static final Map<TaskId, Instant> STOPPED = new ConcurrentHashMap<>();

  private Handlers() {}

  static ExportHandler<Map<?, ?>, Integer> audited(InvocationAudit audit, String worker) {
    return audited(AUDITED, audit, worker);
  }

  static ExportHandler<Map<?, ?>, Integer> audited(
      String type, InvocationAudit audit, String worker) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Map<?, ?>> params = (Class) Map.class;
    return ExportHandler.of(
        type,
        params,
        x -> List.of(Column.integer("n", (Integer i) -> i)),
        (ctx, out) -> {
          Clock clock = Clock.systemUTC();
          audit.started(ctx.taskId(), ctx.attempt(), worker, clock.instant());
          Map<?, ?> p = ctx.params();
          long ms = number(p.get(ctx.attempt() > 1 && p.containsKey("rerunMs") ? "rerunMs" : "ms"), 100);
          long end = System.nanoTime() + ms * 1_000_000;
          try {
            if (Boolean.TRUE.equals(p.get("cpu"))) {
              Cpu.burn(end, ctx::checkCancelled);
            }
            while (System.nanoTime() < end) {
              ctx.checkCancelled();
              // simulated work, not synchronisation
              LockSupport.parkNanos(Math.min(end - System.nanoTime(), 5_000_000));
            }
          } catch (CancellationException e) {
            STOPPED.put(ctx.taskId(), clock.instant());
            throw e;
          }
          long rows = number(p.get("rows"), 10);
          for (int i = 0; i < rows; i++) {
            out.write(i);
          }
          audit.ended(ctx.taskId(), ctx.attempt(), worker, clock.instant());
        });
  }

  static ExportHandler<Map<?, ?>, Integer> poison(InvocationAudit audit, String worker) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Map<?, ?>> params = (Class) Map.class;
    return ExportHandler.of(
        POISON,
        params,
        x -> List.of(Column.integer("n", (Integer i) -> i)),
        (ctx, out) -> {
          audit.started(ctx.taskId(), ctx.attempt(), worker, Clock.systemUTC().instant());
          Runtime.getRuntime().halt(137);
        });
  }

  static ExportHandler<StrictParams, Integer> strict(InvocationAudit audit, String worker) {
    return ExportHandler.of(
        STRICT,
        StrictParams.class,
        x -> List.of(Column.integer("n", (Integer i) -> i)),
        (ctx, out) -> {
          audit.started(ctx.taskId(), ctx.attempt(), worker, Clock.systemUTC().instant());
          if (ctx.params().count() < 0) {
            throw new NonRetryableException("NEGATIVE", "count is negative");
          }
          for (int i = 0; i < ctx.params().count(); i++) {
            out.write(i);
          }
          audit.ended(ctx.taskId(), ctx.attempt(), worker, Clock.systemUTC().instant());
        });
  }

  private static long number(Object o, long fallback) {
    return o instanceof Number n ? n.longValue() : fallback;
  }
}
