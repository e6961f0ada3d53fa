package org.tinyseq.bot.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;
import org.tinyseq.serve.AnswerSource;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelInfo;
import org.tinyseq.serve.ModelService;
import org.tinyseq.serve.ServiceListener;
import org.tinyseq.serve.ServiceStats;
import org.tinyseq.serve.Status;

/**
 * The bot's Prometheus metrics (Micrometer). Counters the serving core already keeps (requests by
 * outcome, cache, swaps, failed loads) are read from one {@link ServiceStats} snapshot taken at
 * each {@link #scrape()}, so they count from the service's start even if bound late; distributions
 * (decode latency, batch sizes) come from {@link ServiceListener} callbacks. Rate-limit refusals
 * are counted by the bot through {@link #rateLimitRefused(String)}.
 *
 * <p>One process runs one bot, so {@link #global()} is the instance the health endpoint serves by
 * default; tests create their own. Thread-safe.
 */
public final class BotMetrics {
  /** Latency buckets of the decode histogram: a decode takes milliseconds, a busy queue seconds. */
  static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
    Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
    Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128};

  private static final BotMetrics GLOBAL = new BotMetrics();

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<Command, Timer> decodeLatency = new EnumMap<>(Command.class);
  private final DistributionSummary batchSize;
  private final MultiGauge modelInfo;
  private final MultiGauge modelLoadedAt;

  private volatile ModelService service;
  private volatile ServiceStats snapshot;
  private volatile BooleanSupplier ready = () -> false;

  public BotMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    // GC pause timers; the binder's notification listeners live as long as the JVM (one per
    // instance: a handful in tests, one in production).
    new JvmGcMetrics().bindTo(registry);
    Gauge.builder("process.resident.memory", ResidentMemory::bytes)
        .baseUnit("bytes")
        .description("Resident set size of this process (VmRSS), NaN where /proc is absent")
        .register(registry);

    for (Command c : Command.values()) {
      decodeLatency.put(
          c,
          Timer.builder("tinyseq.decode.latency")
              .description("Time from submit to reply of uncached successful requests")
              .tag("command", c.kind())
              .serviceLevelObjectives(LATENCY_BUCKETS)
              .register(registry));
      for (AnswerSource src : AnswerSource.values()) {
        FunctionCounter.builder("tinyseq.answers", this, m -> m.stat(st -> st.answers(c, src)))
            .description("Answers produced (not from the result cache), by command and source")
            .tags("command", c.kind(), "source", src.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
      for (Status s : Status.values()) {
        FunctionCounter.builder("tinyseq.requests", this, m -> m.stat(st -> st.requests(c, s)))
            .description("Requests answered by the serving core, by command and outcome")
            .tags("command", c.kind(), "outcome", s.name().toLowerCase(Locale.ROOT))
            .register(registry);
      }
    }
    batchSize =
        DistributionSummary.builder("tinyseq.batch.size")
            .description("Sources decoded together in one batch")
            .serviceLevelObjectives(BATCH_BUCKETS)
            .register(registry);
    gauge("tinyseq.queue.depth", "Sources waiting in the decode queues", s -> s.queueDepth());
    gauge("tinyseq.cache.hit.ratio", "Result cache hits / lookups", s -> s.cacheHitRate());
    gauge("tinyseq.cache.size", "Entries in the result cache", s -> s.cacheSize());
    counter("tinyseq.cache.hits", "Answers served from the result cache", s -> s.cacheHits());
    counter("tinyseq.cache.misses", "Cache lookups that started a decode", s -> s.cacheMisses());
    counter("tinyseq.cache.evictions", "Result cache evictions", s -> s.cacheEvictions());
    counter("tinyseq.model.swaps", "Models swapped in, first loads included", s -> s.swaps());
    counter("tinyseq.model.load.failures", "Bundles refused", s -> s.failedLoads());
    Gauge.builder("tinyseq.ready", this, m -> m.ready.getAsBoolean() ? 1 : 0)
        .description("1 when /health reports UP")
        .register(registry);
    modelInfo =
        MultiGauge.builder("tinyseq.model.info")
            .description("1 for the model version serving each kind")
            .register(registry);
    modelLoadedAt =
        MultiGauge.builder("tinyseq.model.loaded.timestamp")
            .description("When the serving model of each kind started serving, epoch seconds")
            .baseUnit("seconds")
            .register(registry);
    for (String scope : List.of("user", "guild")) {
      rateLimitCounter(scope);
    }
  }

  /**
   * The process-wide instance that {@link OpsServer#start(String, int, ModelService,
   * BooleanSupplier)} serves.
   */
  public static BotMetrics global() {
    return GLOBAL;
  }

  /**
   * Serves the figures of {@code newService} from now on and listens to its callbacks. Binding
   * another service later replaces it (callbacks of the previous one are then ignored).
   */
  public BotMetrics bind(ModelService newService) {
    this.service = newService;
    newService.addListener(new Listener(newService));
    refresh();
    return this;
  }

  /** What {@code tinyseq_ready} reports. */
  void readiness(BooleanSupplier supplier) {
    this.ready = supplier;
  }

  /** Counts a request refused by a rate limit; {@code scope} is {@code user} or {@code guild}. */
  public void rateLimitRefused(String scope) {
    rateLimitCounter(scope).increment();
  }

  /** Counts an interaction answered "busy" at once because the interaction executor was full. */
  public void interactionBusy() {
    Counter.builder("tinyseq.interactions.busy")
        .description("Interactions answered busy at once: the bounded interaction queue was full")
        .register(registry)
        .increment();
  }

  /** The registry, for meters of other parts of the bot. */
  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter, after a fresh snapshot of the service. */
  public String scrape() {
    refresh();
    return registry.scrape();
  }

  /** The content type of {@link #scrape()}. */
  static String contentType() {
    return "text/plain; version=0.0.4; charset=utf-8";
  }

  private void refresh() {
    ModelService s = service;
    if (s == null) {
      return;
    }
    ServiceStats stats = s.stats();
    snapshot = stats;
    List<MultiGauge.Row<?>> info = new ArrayList<>();
    List<MultiGauge.Row<?>> loaded = new ArrayList<>();
    for (Command c : Command.values()) {
      ModelInfo m = s.info(c);
      if (m.available()) {
        info.add(MultiGauge.Row.of(Tags.of("kind", m.kind(), "version", m.version()), 1));
        if (m.loadedAt() != null) {
          loaded.add(
              MultiGauge.Row.of(Tags.of("kind", m.kind()), m.loadedAt().toEpochMilli() / 1000.0));
        }
      }
    }
    modelInfo.register(info, true);
    modelLoadedAt.register(loaded, true);
  }

  private double stat(ToDoubleFunction<ServiceStats> f) {
    ServiceStats s = snapshot;
    return s == null ? 0 : f.applyAsDouble(s);
  }

  private void gauge(String name, String description, ToDoubleFunction<ServiceStats> f) {
    Gauge.builder(name, this, m -> m.stat(f)).description(description).register(registry);
  }

  private void counter(String name, String description, ToDoubleFunction<ServiceStats> f) {
    FunctionCounter.builder(name, this, m -> m.stat(f)).description(description).register(registry);
  }

  private Counter rateLimitCounter(String scope) {
    return Counter.builder("tinyseq.ratelimit.refusals")
        .description("Requests refused by a per-user or per-guild rate limit")
        .tag("scope", scope)
        .register(registry);
  }

  /** Records the distributions; ignores a service that is no longer the bound one. */
  private final class Listener implements ServiceListener {
    private final ModelService owner;

    Listener(ModelService owner) {
      this.owner = owner;
    }

    @Override
    public void onRequest(Command command, Status status, Duration elapsed, boolean cached) {
      if (owner == service && !cached && status == Status.OK && command != null) {
        decodeLatency.get(command).record(elapsed);
      }
    }

    @Override
    public void onBatch(int size) {
      if (owner == service) {
        batchSize.record(size);
      }
    }
  }
}
