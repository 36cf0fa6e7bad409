package io.taskport.benchmarks;

import io.taskport.ExportRequest;
import io.taskport.TaskId;
import io.taskport.TaskManager;
import io.taskport.TaskStatus;
import io.taskport.excel.CsvFormat;
import io.taskport.format.Column;
import io.taskport.handler.ExportHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end throughput of no-op exports (the handler writes no rows; the file store is in the
 * heap) submitted and completed through a {@link TaskManager}, with 1 and 4 workers, plus the
 * median and 99th percentile latency of {@code submit}.
 *
 * <p>Run: {@code examples/benchmarks/bench TaskBenchmark memory 100000}; the store is {@code memory}, {@code redis}, {@code postgres} or
 * {@code mariadb}.
 */
public final class TaskBenchmark {
  private TaskBenchmark() {}

  public static void main(String[] args) throws Exception {
    String store = args.length > 0 ? args[0] : "memory";
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    System.out.printf(
        Locale.ROOT,
        "%-8s %-13s %9s %12s %12s %12s %14s%n",
        "store", "workers", "tasks", "tasks/s", "submit p50", "submit p99", "CPU µs/task");
    run(store, 1, 4, Math.max(1000, tasks / 5)); // warm-up
    for (int[] shape : new int[][] {{1, 1}, {1, 4}, {2, 4}}) {
      Result r = run(store, shape[0], shape[1], tasks);
      String workers = shape[0] == 1 ? Integer.toString(shape[1]) : shape[0] + " nodes x " + shape[1];
      System.out.printf(
          Locale.ROOT,
          "%-8s %-13s %9d %12.0f %10.1f µs %10.1f µs %14.1f%n",
          store, workers, tasks, r.perSecond, r.p50Micros, r.p99Micros, r.cpuMicros);
    }
  }

  /** Throughput, submit latency, and this process's CPU time (all threads) per task. */
  record Result(double perSecond, double p50Micros, double p99Micros, double cpuMicros) {}

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Submits {@code count} no-op exports on the first node and waits until all completed. */
  static Result run(String store, int nodes, int workers, int count) throws Exception {
    CountDownLatch done = new CountDownLatch(count);
    long[] latencies = new long[count];
    List<TaskManager> managers = new ArrayList<>();
    // with a store that publishes events every node hears every completion: count each once
    Set<TaskId> completed = ConcurrentHashMap.newKeySet();
    try (Backends backends = Backends.of(store)) {
      for (int n = 0; n < nodes; n++) {
        TaskManager m =
            TaskManager.builder()
                .store(backends.node())
                .files(new MemoryFileStore())
                .format(new CsvFormat())
                .workers(workers)
                .pollInterval(Duration.ofMillis(20))
                .export(noopExport())
                .build();
        managers.add(m);
        m.subscribeAll(
            e -> {
              if (e.status() == TaskStatus.COMPLETED && completed.add(e.taskId())) {
                done.countDown();
              }
            });
      }
      managers.forEach(TaskManager::start);
      TaskManager submitter = managers.get(0);
      ExportRequest request = ExportRequest.of("noop", "bench").allowDuplicates();
      long start = System.nanoTime();
      long cpuStart = cpuNanos();
      for (int i = 0; i < count; i++) {
        long t0 = System.nanoTime();
        submitter.submit(request);
        latencies[i] = System.nanoTime() - t0;
      }
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("tasks did not finish: " + done.getCount() + " left");
      }
      long elapsed = System.nanoTime() - start;
      long cpu = cpuNanos() - cpuStart;
      Arrays.sort(latencies);
      return new Result(
          count / (elapsed / 1e9),
          latencies[count / 2] / 1e3,
          latencies[(int) (count * 0.99)] / 1e3,
          cpu / 1e3 / count);
    } finally {
      managers.forEach(TaskManager::close);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ExportHandler<Map<?, ?>, Object> noopExport() {
    return ExportHandler.of(
        "noop", (Class) Map.class, p -> List.of(Column.text("x", r -> r)), (ctx, out) -> {});
  }
}
