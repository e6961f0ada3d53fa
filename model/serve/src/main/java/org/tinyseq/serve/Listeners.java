package org.tinyseq.serve;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registered {@link ServiceListener}s; a listener that throws is logged, never propagated. */
final class Listeners implements ServiceListener {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);

  private final List<ServiceListener> all = new CopyOnWriteArrayList<>();

  void add(ServiceListener l) {
    all.add(l);
  }

  private void each(Consumer<ServiceListener> call) {
    for (ServiceListener l : all) {
      try {
        call.accept(l);
      } catch (Throwable t) {
        // Errors too: a listener runs on decode workers and request threads, and must never
        // break either
        log.warn("Service listener {} failed", l, t);
      }
    }
  }

  @Override
  public void onRequest(Command command, Status status, Duration elapsed, boolean cached) {
    if (!all.isEmpty()) {
      each(l -> l.onRequest(command, status, elapsed, cached));
    }
  }

  @Override
  public void onBatch(int size) {
    if (!all.isEmpty()) {
      each(l -> l.onBatch(size));
    }
  }

  @Override
  public void onSwap(String kind, String version) {
    each(l -> l.onSwap(kind, version));
  }

  @Override
  public void onLoadFailure(String path, String reason) {
    each(l -> l.onLoadFailure(path, reason));
  }
}
