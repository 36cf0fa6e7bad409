package io.taskport.benchmarks;

import io.taskport.ExportRequest;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.excel.CsvFormat;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import io.taskport.store.InMemoryTaskStore;
import io.taskport.store.TaskStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * End-to-end throughput of no-op exports (the handler writes no rows; the file store is in the
 * heap) submitted and completed through a {@link TaskManager}, with 1 and 4 workers, plus the
 * median and 99th percentile latency of {@code submit}.
 *
 * <p>Run: {@code mvn -q -pl examples/benchmarks -am install -DskipTests && mvn -q -pl
 * examples/benchmarks exec:java -Dexec.mainClass=io.taskport.benchmarks.TaskBenchmark
 * -Dexec.args="memory 100000"}.
 */
public final class TaskBenchmark {
  private TaskBenchmark() {}

  public static void main(String[] args) throws Exception {
    String store = args.length > 0 ? args[0] : "memory";
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Supplier<TaskStore> stores = storeOf(store);
    System.out.printf(
        Locale.ROOT,
        "%-8s %7s %9s %12s %12s %12s%n",
        "store", "workers", "tasks", "tasks/s", "submit p50", "submit p99");
    run(stores, 4, tasks / 5, false); // warm-up
    for (int workers : new int[] {1, 4}) {
      Result r = run(stores, workers, tasks, true);
      System.out.printf(
          Locale.ROOT,
          "%-8s %7d %9d %12.0f %10.1f µs %10.1f µs%n",
          store, workers, tasks, r.perSecond, r.p50Micros, r.p99Micros);
    }
  }

  private static Supplier<TaskStore> storeOf(String name) {
    if (name.equals("memory")) {
      return InMemoryTaskStore::new;
    }
    throw new IllegalArgumentException("unknown store '" + name + "'; use: memory");
  }

  record Result(double perSecond, double p50Micros, double p99Micros) {}

  static Result run(Supplier<TaskStore> stores, int workers, int count, boolean measure)
      throws Exception {
    ExportHandler<Map<?, ?>, Object> noop = noopExport();
    CountDownLatch done = new CountDownLatch(count);
    long[] latencies = new long[count];
    try (TaskStore store = stores.get();
        TaskManager m =
            TaskManager.builder()
                .store(store)
                .files(new MemoryFileStore())
                .format(new CsvFormat())
                .workers(workers)
                .pollInterval(Duration.ofMillis(50))
                .export(noop)
                .build()) {
      m.subscribeAll(
          e -> {
            if (e.status() == TaskStatus.COMPLETED) {
              done.countDown();
            }
          });
      m.start();
      ExportRequest request = ExportRequest.of("noop", "bench").allowDuplicates();
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        long t0 = System.nanoTime();
        m.submit(request);
        latencies[i] = System.nanoTime() - t0;
      }
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("tasks did not finish: " + done.getCount() + " left");
      }
      long elapsed = System.nanoTime() - start;
      Arrays.sort(latencies);
      return new Result(
          count / (elapsed / 1e9),
          latencies[count / 2] / 1e3,
          latencies[(int) (count * 0.99)] / 1e3);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ExportHandler<Map<?, ?>, Object> noopExport() {
    return ExportHandler.of(
        "noop", (Class) Map.class, p -> List.of(Column.text("x", r -> r)), (ctx, out) -> {});
  }
}
