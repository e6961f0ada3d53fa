package org.tinyseq.bot.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code BotMain} in a JVM of its own, on the test's classpath (what bot.jar holds, plus the test
 * classes, which it does not use). Its output (stdout and stderr, merged) is collected line by
 * line, so a test can wait for a log line instead of sleeping. {@link #close()} sends SIGTERM, as
 * {@code docker stop} does, and kills the process only if it has not ended in time.
 */
public final class BotProcess implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private BotProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(this::collect, name + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code org.tinyseq.bot.BotMain} with exactly {@code env} as its configuration (the
   * parent's environment is not inherited: no token or setting leaks in from the machine).
   */
  public static BotProcess start(String name, Map<String, String> env) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            // small and quick to start: two of these run beside the build on two cores
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Dfile.encoding=UTF-8",
            "-cp",
            System.getProperty("java.class.path"),
            "org.tinyseq.bot.BotMain");
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    return new BotProcess(name, pb.start());
  }

  /** Waits for an output line matching {@code match}; fails with the output so far otherwise. */
  public String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      int seen = 0;
      while (true) {
        for (; seen < lines.size(); seen++) {
          if (match.test(lines.get(seen))) {
            return lines.get(seen);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
          throw new AssertionError(
              name + ": no matching output line within " + timeout + "; output:\n" + output());
        }
        lines.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Everything the process has written so far. */
  public String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * SIGTERM, then waits for the exit; returns the exit code (143 after a clean shutdown hook).
   * Kills the process if it does not end within 30 s.
   */
  public int stop() throws InterruptedException {
    // Not Process.destroy(): it also closes our end of the pipe, losing the shutdown's log lines.
    process.toHandle().destroy();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(name + " ignored SIGTERM for " + STOP_TIMEOUT + ":\n" + output());
    }
    reader.join(STOP_TIMEOUT.toMillis());
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private void collect() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process is gone; awaitLine reports what it saw
    } finally {
      synchronized (lines) {
        lines.notifyAll();
      }
    }
  }
}
