package io.taskport.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.platform.engine.TestExecutionResult;

/**
 * The suite's report: one row per scenario and store, filled in by the test and closed with its
 * outcome by {@link ReportListener}. Printed and written to {@code target/} when the suite ends.
 */
final class Report {
  /** One scenario run on one store. */
  static final class Run {
    final String scenario;
    final Backend backend;
    long submitted;
    long completed;
    long duplicates;
    long inFlightOnKilled;
    long stuck;
    long lost;
    Duration longestRecovery = Duration.ZERO;
    final List<String> notes = new ArrayList<>();
    String outcome = "RUNNING";
    String reason = "";

    Run(String scenario, Backend backend) {
      this.scenario = scenario;
      this.backend = backend;
    }

    /** Records a figure or remark that the report prints under the row. */
    synchronized void note(String text) {
      notes.add(text);
    }

    synchronized void recovery(Duration d) {
      if (d.compareTo(longestRecovery) > 0) {
        longestRecovery = d;
      }
    }

    /** Ends the test as not applicable to this store, with the reason in the report. */
    void notApplicable(String why) {
      outcome = "N/A";
      reason = why;
      Assumptions.abort("not applicable to " + backend.label() + ": " + why);
    }
  }

  private static final List<Run> runs = new ArrayList<>();
  private static Run current;

  private Report() {}

  static synchronized Run begin(String scenario, Backend backend) {
    current = new Run(scenario, backend);
    runs.add(current);
    return current;
  }

  static synchronized void finish(TestExecutionResult result) {
    if (current == null) {
      return;
    }
    Run r = current;
    current = null;
    switch (result.getStatus()) {
      case SUCCESSFUL -> r.outcome = "PASSED";
      case FAILED -> {
        r.outcome = "FAILED";
        r.reason = result.getThrowable().map(Report::firstLines).orElse("");
      }
      case ABORTED -> {
        if (!r.outcome.equals("N/A")) {
          r.outcome = "SKIPPED";
          r.reason = result.getThrowable().map(Throwable::getMessage).orElse("");
        }
      }
    }
    // kept up to date after every run, so an interrupted long run keeps what it measured
    write(render());
  }

  private static String firstLines(Throwable t) {
    String m = String.valueOf(t.getMessage());
    String[] lines = m.strip().split("\n");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(lines.length, 12); i++) {
      b.append(i == 0 ? "" : "\n      ").append(lines[i].strip());
    }
    return t.getClass().getSimpleName() + ": " + b;
  }

  static synchronized String render() {
    StringBuilder b = new StringBuilder();
    b.append("Taskport reliability report (")
        .append(Scale.LONG ? "long form" : "short form")
        .append("; lease ")
        .append(Timing.LEASE.toMillis())
        .append(" ms, heartbeat ")
        .append(Timing.HEARTBEAT.toMillis())
        .append(" ms, sweep ")
        .append(Timing.SWEEP.toMillis())
        .append(" ms; I4 bound ")
        .append(Timing.runningBound().toMillis())
        .append(" ms)\n");
    b.append(
        String.format(
            "%-34s %-11s %-8s %9s %9s %6s %8s %6s %5s %10s%n",
            "scenario",
            "store",
            "outcome",
            "submitted",
            "completed",
            "dups",
            "inflight",
            "stuck",
            "lost",
            "recovery"));
    int passed = 0;
    int failed = 0;
    List<Run> sorted = new ArrayList<>(runs);
    sorted.sort(
        java.util.Comparator.comparingInt((Run r) -> Integer.parseInt(r.scenario.split(" ")[0]))
            .thenComparing(r -> r.backend));
    for (Run r : sorted) {
      boolean measured = r.outcome.equals("PASSED") || r.outcome.equals("FAILED");
      b.append(
          measured
              ? String.format(
                  "%-34s %-11s %-8s %9d %9d %6d %8d %6d %5d %8dms%n",
                  r.scenario,
                  r.backend.label(),
                  r.outcome,
                  r.submitted,
                  r.completed,
                  r.duplicates,
                  r.inFlightOnKilled,
                  r.stuck,
                  r.lost,
                  r.longestRecovery.toMillis())
              : String.format("%-34s %-11s %-8s %s%n", r.scenario, r.backend.label(), r.outcome, r.reason));
      if (measured) {
        for (String n : r.notes) {
          b.append("    - ").append(n).append('\n');
        }
      }
      if (r.outcome.equals("FAILED")) {
        b.append("    ! ").append(r.reason).append('\n');
      }
      if (r.outcome.equals("PASSED")) {
        passed++;
      } else if (r.outcome.equals("FAILED")) {
        failed++;
      }
    }
    b.append(passed).append(" passed, ").append(failed).append(" failed\n");
    return b.toString();
  }

  /** Prints the report and writes it to the report directory. */
  static synchronized void publish() {
    if (runs.isEmpty()) {
      return;
    }
    String text = render();
    System.out.println();
    System.out.print(text);
    System.out.flush();
    write(text);
  }

  private static void write(String text) {
    Path dir = Path.of(System.getProperty("taskport.reliability.reportDir", "target"));
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("reliability-report.txt"), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
