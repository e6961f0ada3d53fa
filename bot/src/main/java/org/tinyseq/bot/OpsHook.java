package org.tinyseq.bot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.serve.ModelService;

/**
 * Starts the operations endpoint (health and metrics) when {@code HEALTH_PORT} is set, through
 * {@code org.tinyseq.bot.ops.OpsServer.start(int port, ModelService service, BooleanSupplier
 * ready)}, which returns an {@link AutoCloseable}. Looked up by name so the bot builds and runs
 * whether or not the operations package is part of the build.
 */
final class OpsHook {
  static final String OPS_SERVER = "org.tinyseq.bot.ops.OpsServer";
  private static final Logger log = LoggerFactory.getLogger(OpsHook.class);

  private OpsHook() {}

  /** The running endpoint, or a no-op when there is none to start. */
  static AutoCloseable start(int port, ModelService service, BooleanSupplier ready) {
    try {
      Class<?> type = Class.forName(OPS_SERVER);
      Method start = type.getMethod("start", int.class, ModelService.class, BooleanSupplier.class);
      Object server = start.invoke(null, port, service, ready);
      return server instanceof AutoCloseable c ? c : () -> {};
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      log.warn("HEALTH_PORT is set but this build has no {}; no health endpoint", OPS_SERVER);
      return () -> {};
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "cannot start the health endpoint on port " + port + ": " + e.getCause().getMessage());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot start the health endpoint: " + e.getMessage());
    }
  }
}
