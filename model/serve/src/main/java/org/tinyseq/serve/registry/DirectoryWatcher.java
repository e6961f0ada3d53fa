package org.tinyseq.serve.registry;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rescans the models directory at a fixed delay. Polling rather than a {@code WatchService}: it
 * works the same on bind mounts, network volumes and overlay file systems in containers, where file
 * events are often lost, and a scan of a few directories costs next to nothing.
 */
public final class DirectoryWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DirectoryWatcher.class);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tinyseq-models-watch");
            t.setDaemon(true);
            return t;
          });

  public DirectoryWatcher(ModelRegistry registry, Duration interval) {
    long ms = interval.toMillis();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            registry.scan();
          } catch (RuntimeException | Error e) {
            log.warn("Models directory scan failed; retrying in {} ms", ms, e);
          }
        },
        ms,
        ms,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
