package io.taskport.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A worker JVM started from the test's own class path, with helpers to kill, stop, pause and
 * resume it. Output goes to a log file; {@link #awaitReady} waits for {@code READY}.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  private ChildJvm(Process process, Path log) {
    this.process = process;
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                  var out = java.nio.file.Files.newBufferedWriter(log)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  if (line.startsWith("READY")) {
                    ready.complete(null);
                  }
                  out.write(line);
                  out.newLine();
                  out.flush();
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(new IllegalStateException("worker exited, see " + log));
            },
            "child-jvm-output-" + process.pid());
    pump.setDaemon(true);
    pump.start();
  }

  /** Starts {@code mainClass} with {@code key=value} arguments; output goes to {@code log}. */
  public static ChildJvm start(Class<?> mainClass, Map<String, String> properties, Path log)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass.getName());
    properties.forEach((k, v) -> cmd.add(k + "=" + v));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    return new ChildJvm(p, log);
  }

  /** Waits until the worker printed {@code READY}. */
  public void awaitReady(Duration timeout) throws Exception {
    ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the JVM with SIGKILL and waits for it to go. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Asks the JVM to stop with SIGTERM; returns whether it exited within the timeout. */
  public boolean stop(Duration timeout) throws InterruptedException {
    process.destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Freezes the JVM with SIGSTOP, as a long GC pause would. */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** Resumes a frozen JVM with SIGCONT. */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    int rc = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start().waitFor();
    if (rc != 0) {
      throw new IOException("kill -" + name + " " + pid() + " exited with " + rc);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
