package org.tinyseq.bot.ops;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * Request ids in the logging MDC ({@code requestId}, {@code command}), which both log formats
 * print, so every line about one interaction can be found. Open a scope where a request starts; the
 * MDC is per thread, so work handed to another thread carries the ids with {@link Scope#wrap}.
 *
 * <pre>
 * try (RequestIds.Scope ids = RequestIds.open("translate")) {
 *   log.info("translate requested");                  // ... [r-5f3a9c1e translate] ...
 *   future.thenAcceptAsync(ids.wrap(reply -> ...), executor);
 * }
 * </pre>
 */
public final class RequestIds {
  public static final String REQUEST_ID = "requestId";
  public static final String COMMAND = "command";

  private RequestIds() {}

  /** A new short random id, e.g. {@code r-5f3a9c1e}. */
  public static String next() {
    return String.format("r-%08x", ThreadLocalRandom.current().nextInt());
  }

  /** Puts a new id and the command into this thread's MDC until the scope closes. */
  public static Scope open(String command) {
    return new Scope(Map.of(REQUEST_ID, next(), COMMAND, command));
  }

  /** The MDC values of one request; restores the thread's previous values on close. */
  public static final class Scope implements AutoCloseable {
    private final Map<String, String> values;
    private final Map<String, String> previous;

    private Scope(Map<String, String> values) {
      this.values = values;
      this.previous = MDC.getCopyOfContextMap();
      values.forEach(MDC::put);
    }

    public String requestId() {
      return values.get(REQUEST_ID);
    }

    /** {@code task} running with this scope's ids in the MDC, on whatever thread runs it. */
    public Runnable wrap(Runnable task) {
      return () -> {
        try (Scope ignored = new Scope(values)) {
          task.run();
        }
      };
    }

    /** {@code action} running with this scope's ids in the MDC. */
    public <T> java.util.function.Consumer<T> wrap(java.util.function.Consumer<T> action) {
      return t -> {
        try (Scope ignored = new Scope(values)) {
          action.accept(t);
        }
      };
    }

    @Override
    public void close() {
      if (previous == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(previous);
      }
    }
  }
}
