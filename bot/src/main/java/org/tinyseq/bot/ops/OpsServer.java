package org.tinyseq.bot.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelInfo;
import org.tinyseq.serve.ModelService;

/**
 * The operations endpoint on {@code HEALTH_PORT}: {@code GET /health} (200 with {@code
 * "status":"UP"} when ready, else 503, with the model version of each kind) and {@code GET
 * /metrics} (Prometheus text format). Runs on the JDK's HTTP server with two daemon threads.
 *
 * <p>When the JVM begins to shut down (SIGTERM), {@code /health} answers 503 {@code "STOPPING"} so
 * that a load balancer or orchestrator stops sending work while in-flight requests finish.
 */
public final class OpsServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The default bind address: reachable from this host only. */
  public static final String LOOPBACK = "127.0.0.1";

  private final HttpServer server;
  private final ExecutorService executor;
  private final ModelService service;
  private final BooleanSupplier ready;
  private final BotMetrics metrics;
  private final Thread shutdownHook;
  private volatile boolean stopping;

  private OpsServer(
      HttpServer server, ModelService service, BooleanSupplier ready, BotMetrics metrics) {
    this.server = server;
    this.service = service;
    this.ready = ready;
    this.metrics = metrics;
    this.executor = Executors.newFixedThreadPool(2, daemonThreads());
    this.shutdownHook = new Thread(this::onJvmShutdown, "ops-shutdown");
  }

  /**
   * Starts the endpoint on {@code port} (0 = any free port, see {@link #port()}) over the global
   * {@link BotMetrics}, bound to {@code service}.
   *
   * @param ready true when the bot can serve: models loaded and, in Discord mode, the gateway
   *     connected
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static OpsServer start(
      String bind, int port, ModelService service, BooleanSupplier ready) {
    return start(bind, port, service, ready, BotMetrics.global());
  }

  /** On the loopback address, over the given metrics (tests). */
  public static OpsServer start(
      int port, ModelService service, BooleanSupplier ready, BotMetrics metrics) {
    return start(LOOPBACK, port, service, ready, metrics);
  }

  /**
   * As {@link #start(String, int, ModelService, BooleanSupplier)}, over the given metrics.
   *
   * @param bind the IP address to listen on: loopback by default ({@code HEALTH_BIND}); the
   *     container image sets {@code 0.0.0.0} so that the published port reaches it
   */
  public static OpsServer start(
      String bind, int port, ModelService service, BooleanSupplier ready, BotMetrics metrics) {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + bind + " port " + port + " for /health: " + e.getMessage(), e);
    }
    metrics.bind(service);
    OpsServer ops = new OpsServer(http, service, ready, metrics);
    metrics.readiness(ops::ready);
    http.createContext("/", ops::handle);
    http.setExecutor(ops.executor);
    http.start();
    Runtime.getRuntime().addShutdownHook(ops.shutdownHook);
    log.info("Health and metrics on {} port {}: /health, /metrics", bind, ops.port());
    return ops;
  }

  /** The address listened on: loopback unless HEALTH_BIND said otherwise. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The port listened on (the chosen one when started with 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The metrics this endpoint serves. */
  public BotMetrics metrics() {
    return metrics;
  }

  /** True when {@code /health} answers 200. */
  public boolean ready() {
    if (stopping) {
      return false;
    }
    try {
      return ready.getAsBoolean();
    } catch (RuntimeException e) {
      log.warn("Readiness check failed: {}", e.toString());
      return false;
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs anyway
    }
    stopping = true;
    server.stop(0);
    executor.shutdownNow();
    log.info("Health endpoint stopped");
  }

  private void onJvmShutdown() {
    stopping = true;
    log.info("Shutting down: /health answers 503 from now on");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return;
      }
      switch (path) {
        case "/health" -> health(exchange);
        case "/metrics" -> send(exchange, 200, BotMetrics.contentType(), metrics.scrape());
        default -> send(exchange, 404, "text/plain; charset=utf-8", "try /health or /metrics\n");
      }
    } catch (RuntimeException e) {
      log.warn("Operations endpoint failed on {}: {}", exchange.getRequestURI(), e.toString());
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    boolean up = ready();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : stopping ? "STOPPING" : "DOWN");
    Map<String, Object> models = new LinkedHashMap<>();
    for (Command c : Command.values()) {
      ModelInfo info = service.info(c);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", info.available() ? info.version() : null);
      // Where it was loaded from, without the path: the endpoint may be reachable from outside
      // (the image binds all interfaces), and the server's file system is nobody's business.
      m.put("source", source(info));
      m.put("loadedAt", info.loadedAt() == null ? null : info.loadedAt().toString());
      Map<String, Object> memory = new LinkedHashMap<>();
      memory.put("entries", info.memoryEntries());
      memory.put("threshold", Double.isNaN(info.memoryThreshold()) ? null : info.memoryThreshold());
      memory.put("on", info.memoryOn());
      m.put("memory", memory);
      models.put(c.kind(), m);
    }
    body.put("models", models);
    body.put("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
    send(exchange, up ? 200 : 503, "application/json", JSON.writeValueAsString(body) + "\n");
  }

  /** "models-dir" for a bundle of the models folder, "embedded" for a default, null for none. */
  static String source(ModelInfo info) {
    if (!info.available()) {
      return null;
    }
    return info.location().startsWith("classpath:") ? "embedded" : "models-dir";
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "ops-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
