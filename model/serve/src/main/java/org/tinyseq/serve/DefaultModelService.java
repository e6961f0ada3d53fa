package org.tinyseq.serve;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.serve.answer.AnswerPath;
import org.tinyseq.serve.answer.MemoryThenDecoder;
import org.tinyseq.serve.answer.Produced;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.ModelRef;
import org.tinyseq.serve.cache.Answer;
import org.tinyseq.serve.cache.CacheKey;
import org.tinyseq.serve.cache.Lookup;
import org.tinyseq.serve.cache.ResultCache;
import org.tinyseq.serve.chat.ChatPath;
import org.tinyseq.serve.decode.BusyException;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.pool.PoolIndexes;
import org.tinyseq.serve.registry.DirectoryWatcher;
import org.tinyseq.serve.registry.LoadedModel;
import org.tinyseq.serve.registry.ModelRegistry;
import org.tinyseq.serve.registry.RegistryEvents;
import org.tinyseq.serve.registry.ScanReport;
import org.tinyseq.serve.text.ChineseFold;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.serve.translate.RerankingExecutor;

/**
 * The {@link ModelService}: input check, then the result cache keyed by the serving model's
 * identity, then the command's answer path ({@link MemoryThenDecoder} for translate: the example
 * memory, then the batcher; {@link ChatPath} for chat: retrieve, generate, score when the bundle
 * has a pool, else as translate). A request acquires the model serving its kind when it starts and
 * releases it when its answer is done, so a hot swap never cuts a request short and every reply
 * comes from exactly one model version.
 */
final class DefaultModelService implements ModelService {
  private static final Logger log = LoggerFactory.getLogger(DefaultModelService.class);

  private final ServiceConfig config;
  private final InputCheck inputCheck;
  private final ResultCache cache;
  private final ModelRegistry registry;
  private final DirectoryWatcher watcher;
  private final RequestCounters counters = new RequestCounters();
  private final Listeners listeners = new Listeners();
  private final LongAdder swaps = new LongAdder();
  private final LongAdder failedLoads = new LongAdder();
  private final LongAdder batches = new LongAdder();
  private final LongAdder batchedSources = new LongAdder();
  private final Map<Command, AnswerPath> paths;
  private final long timeoutMillis;
  private final long sharedDeadlineMillis;
  private final RerankingExecutor reranking;
  private volatile boolean closed;

  DefaultModelService(ServiceConfig config) {
    this(
        config,
        config.useDefaults()
            ? kind -> BundleSource.classpath(ModelRef.DEFAULTS_FOLDER + kind)
            : null);
  }

  /**
   * @param defaults the embedded default bundle of a kind, null for none (tests pass directories)
   */
  DefaultModelService(ServiceConfig config, Function<String, BundleSource> defaults) {
    this.config = config;
    this.inputCheck = new InputCheck(config.maxInputChars());
    this.cache = new ResultCache(config.cacheMaxEntries(), config.cacheExpiry());
    this.timeoutMillis = Math.max(1, config.requestTimeout().toMillis());
    Duration startWithin = Duration.ofMillis(timeoutMillis);
    MemoryThenDecoder translate =
        new MemoryThenDecoder(config.memory(), config.maxOutputSteps(), startWithin);
    this.paths =
        new EnumMap<>(
            Map.of(
                Command.TRANSLATE,
                translate,
                Command.TRANSLATE_ZH_EN,
                translate,
                Command.CHAT,
                new ChatPath(config.memory(), config.maxOutputSteps(), startWithin)));
    this.sharedDeadlineMillis = 2 * Math.min(timeoutMillis, Long.MAX_VALUE / 2);
    this.reranking =
        config.rerank().on()
            ? new RerankingExecutor(config.batcher().threads(), config.batcher().queueCapacity())
            : null;
    this.registry =
        new ModelRegistry(
            Arrays.stream(Command.values()).map(Command::kind).toList(),
            config.modelsDir(),
            defaults,
            config.batcher(),
            config.maxOutputSteps(),
            config.keepBundles(),
            new RegistryEvents() {
              @Override
              public void onSwap(String kind, String version) {
                swaps.increment();
                listeners.onSwap(kind, version);
              }

              @Override
              public void onLoadFailure(String path, String reason) {
                failedLoads.increment();
                listeners.onLoadFailure(path, reason);
              }

              @Override
              public void onBatch(int size) {
                batches.increment();
                batchedSources.add(size);
                listeners.onBatch(size);
              }
            },
            PoolIndexes.of(config.poolIndexDir(), config.modelsDir()));
    registry.scan();
    this.watcher =
        config.watch() && config.modelsDir().isPresent()
            ? new DirectoryWatcher(registry, config.watchInterval())
            : null;
  }

  @Override
  public CompletableFuture<Reply> submit(Command command, String text) {
    long start = System.nanoTime();
    try {
      InputCheck.Result in = inputCheck.check(text);
      Reply refused = refuseEarly(command, in, start);
      if (refused != null) {
        return CompletableFuture.completedFuture(refused);
      }
      String input = modelInput(command, in.text());
      Reply hit = cacheHit(command, input, start);
      if (hit != null) {
        return CompletableFuture.completedFuture(hit);
      }
      LoadedModel model = registry.acquire(command.kind());
      if (model == null) {
        return CompletableFuture.completedFuture(unavailable(command, start));
      }
      LoadedModel channel = reranks(command) ? registry.acquire(channelKind(command)) : null;
      CacheKey key = new CacheKey(cacheId(model, channel), command.kind(), input);
      boolean[] started = new boolean[1];
      Lookup lookup;
      try {
        lookup =
            cache.get(
                key,
                () -> {
                  started[0] = true;
                  // The shared future has a deadline of its own (twice a caller's, so a slow decode
                  // still fills the cache for the next request): whatever happens to the decode,
                  // it completes, leaves the cache (failures are never cached) and releases the
                  // model, so a lost decode can never answer TIMEOUT forever from the cache.
                  return answer(command, model, channel, input)
                      .orTimeout(sharedDeadlineMillis, TimeUnit.MILLISECONDS)
                      .whenComplete((a, e) -> release(model, channel));
                });
      } finally {
        if (!started[0]) {
          release(model, channel); // answered by the cache or by a decode someone else started
        }
      }
      boolean cached = !lookup.decodeStarted();
      String version = model.version();
      CompletableFuture<Answer> answer = lookup.answer();
      if (answer.isDone()) {
        return CompletableFuture.completedFuture(reply(command, answer, version, cached, start));
      }
      // A copy gets the timeout, so one impatient caller never fails the shared decode: it goes on
      // and fills the cache for the next request.
      return answer
          .copy()
          .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
          .handle((a, e) -> outcome(command, a, e, version, cached, start));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(unexpected(command, "", e, start));
    }
  }

  @Override
  public Optional<Reply> cached(Command command, String text) {
    long start = System.nanoTime();
    try {
      InputCheck.Result in = inputCheck.check(text);
      Reply refused = refuseEarly(command, in, start);
      if (refused != null) {
        return Optional.of(refused);
      }
      if (registry.current(command.kind()) == null) {
        return Optional.of(unavailable(command, start));
      }
      return Optional.ofNullable(cacheHit(command, modelInput(command, in.text()), start));
    } catch (RuntimeException e) {
      log.warn("Cache lookup failed", e);
      return Optional.empty();
    }
  }

  /**
   * The cached answer of the model serving now, as a reply, else null. A hit needs no decoder, so
   * it takes no reference on the model.
   */
  private Reply cacheHit(Command command, String input, long start) {
    LoadedModel model = registry.current(command.kind());
    if (model == null) {
      return null;
    }
    LoadedModel channel = reranks(command) ? registry.current(channelKind(command)) : null;
    Answer a = cache.peek(new CacheKey(cacheId(model, channel), command.kind(), input));
    if (a == null) {
      return null;
    }
    return finish(
        command,
        new Reply(Status.OK, a.text(), model.version(), true, a.truncated(), "", since(start)),
        true);
  }

  /** The reply for a closed service, an invalid input or a non-English translate, else null. */
  private Reply refuseEarly(Command command, InputCheck.Result in, long start) {
    if (closed) {
      return finish(
          command,
          Reply.failure(Status.UNAVAILABLE, "The service is shutting down.", "", since(start)),
          false);
    }
    if (in.accepted()) {
      if (command == Command.TRANSLATE && SourceLanguage.notEnglish(in.text())) {
        return finish(
            command,
            Reply.failure(Status.NOT_ENGLISH, SourceLanguage.MESSAGE, "", since(start)),
            false);
      }
      if (command == Command.TRANSLATE_ZH_EN && !SourceLanguage.hasChinese(in.text())) {
        return finish(
            command,
            Reply.failure(Status.NOT_CHINESE, TranslateRoute.NO_CHINESE, "", since(start)),
            false);
      }
      return null;
    }
    return finish(command, Reply.failure(in.status(), in.error(), "", since(start)), false);
  }

  /**
   * The translate path with noisy-channel reranking: the example memory first, as {@link
   * MemoryThenDecoder}, then the reranked N best on the reranking executor.
   */
  private CompletableFuture<Produced> reranked(
      Command command, LoadedModel model, LoadedModel channel, String input) {
    Produced remembered = MemoryThenDecoder.remembered(model, input, config.memory());
    if (remembered != null) {
      return CompletableFuture.completedFuture(remembered);
    }
    double lambda =
        command == Command.TRANSLATE
            ? config.rerank().lambdaIntoChinese()
            : config.rerank().lambdaIntoEnglish();
    return reranking
        .submit(
            model.decoder(),
            channel == null ? null : channel.decoder(),
            config.rerank().beam(),
            lambda,
            input,
            config.maxOutputSteps())
        .thenApply(d -> new Produced(d.text(), d.hitStepLimit(), AnswerSource.DECODER));
  }

  /** Whether {@code command}'s decodes are reranked with the other direction's model. */
  private boolean reranks(Command command) {
    return reranking != null && command.translates();
  }

  /** The kind whose model reranks {@code command}'s N best: the other translate direction. */
  private static String channelKind(Command command) {
    return (command == Command.TRANSLATE ? Command.TRANSLATE_ZH_EN : Command.TRANSLATE).kind();
  }

  /**
   * The cache's model identity: a reranked answer depends on both models, so a swap of either
   * misses the cache.
   */
  private static String cacheId(LoadedModel model, LoadedModel channel) {
    return channel == null ? model.cacheId() : model.cacheId() + "+" + channel.cacheId();
  }

  private static void release(LoadedModel model, LoadedModel channel) {
    model.release();
    if (channel != null) {
      channel.release();
    }
  }

  /**
   * The text the model reads: Chinese sources are folded to Simplified characters, as the
   * Chinese-to-English model was trained (so a Traditional request also shares the cache entry).
   */
  private static String modelInput(Command command, String checked) {
    return command == Command.TRANSLATE_ZH_EN ? ChineseFold.toSimplified(checked) : checked;
  }

  /**
   * Refuses a source over the model's limit, then asks the command's answer path (translate: memory
   * or decoder; chat: retrieve, generate, score, or as translate for a bundle without a pool);
   * never throws: every failure is a failed future.
   */
  private CompletableFuture<Answer> answer(
      Command command, LoadedModel model, LoadedModel channel, String input) {
    try {
      SourceIds ids = model.decoder().sourceIds(input);
      if (ids.truncated()) {
        var a = model.bundle().architecture();
        String unit = a.sourceTokens() == TokenUnit.WORD ? "words" : "characters";
        return CompletableFuture.failedFuture(
            new Rejection(
                Status.TOO_LONG,
                "The text is too long for the "
                    + model.kind()
                    + " model: at most "
                    + a.maxSourceLength()
                    + " "
                    + unit
                    + "."));
      }
      return (reranks(command)
              ? reranked(command, model, channel, input)
              : paths.get(command).answer(model, input))
          .thenApply(
              p -> {
                counters.answered(command, p.source());
                return new Answer(p.text(), p.truncated());
              });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Reply reply(
      Command command, CompletableFuture<Answer> done, String version, boolean cached, long start) {
    Answer a = null;
    Throwable error = null;
    try {
      a = done.join();
    } catch (RuntimeException e) {
      error = e;
    }
    return outcome(command, a, error, version, cached, start);
  }

  private Reply outcome(
      Command command, Answer a, Throwable error, String version, boolean cached, long start) {
    try {
      if (error == null && !a.ok()) {
        error = a.failure();
      }
      if (error == null) {
        return finish(
            command,
            new Reply(Status.OK, a.text(), version, cached, a.truncated(), "", since(start)),
            cached);
      }
      Throwable cause = unwrap(error);
      Reply r = expectedFailure(cause, version, timeoutMillis, since(start));
      if (r == null) {
        return unexpected(command, version, cause, start);
      }
      return finish(command, r, false);
    } catch (RuntimeException e) {
      return unexpected(command, version, e, start);
    }
  }

  /** The reply for a foreseeable failure (rejection, timeout, busy), null for anything else. */
  static Reply expectedFailure(
      Throwable cause, String version, long timeoutMillis, Duration elapsed) {
    if (cause instanceof Rejection rej) {
      return Reply.failure(rej.status(), rej.getMessage(), version, elapsed);
    }
    if (cause instanceof TimeoutException) {
      return Reply.failure(
          Status.TIMEOUT,
          "No answer within " + timeoutMillis + " ms; please try again.",
          version,
          elapsed);
    }
    if (cause instanceof BusyException) {
      return Reply.failure(
          Status.BUSY, "The model is busy; please try again shortly.", version, elapsed);
    }
    return null;
  }

  private Reply unavailable(Command command, long start) {
    return finish(
        command,
        Reply.failure(
            Status.UNAVAILABLE, "No " + command.kind() + " model is loaded.", "", since(start)),
        false);
  }

  private Reply unexpected(Command command, String version, Throwable e, long start) {
    log.warn("Request for {} model {} failed", command.kind(), version, e);
    Reply r =
        Reply.failure(
            Status.ERROR, "Something went wrong; please try again.", version, since(start));
    try {
      return finish(command, r, false);
    } catch (RuntimeException ignored) {
      return r;
    }
  }

  private Reply finish(Command command, Reply reply, boolean cached) {
    counters.record(command, reply.status());
    listeners.onRequest(command, reply.status(), reply.elapsed(), cached);
    return reply;
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** The model serving {@code kind} now, or null (for tests: whether a retired model drained). */
  LoadedModel serving(String kind) {
    return registry.current(kind);
  }

  @Override
  public ModelInfo info(Command command) {
    LoadedModel m = registry.current(command.kind());
    if (m == null) {
      return new ModelInfo(command.kind(), "", "", Map.of(), null);
    }
    ExampleMemory memory = m.bundle().memory();
    return new ModelInfo(
        command.kind(),
        m.version(),
        m.location(),
        m.metrics(),
        m.loadedAt(),
        memory == null ? 0 : memory.size(),
        memory == null ? Double.NaN : memory.threshold(),
        memory != null && config.memory());
  }

  @Override
  public ReloadReport reload() {
    ScanReport r = registry.scan();
    return new ReloadReport(r.loaded(), r.refused(), r.current());
  }

  @Override
  public ServiceStats stats() {
    CacheStats s = cache.stats();
    return new ServiceStats(
        s.hitCount(),
        s.missCount(),
        s.hitRate(),
        s.evictionCount(),
        cache.size(),
        Duration.ofNanos((long) s.averageLoadPenalty()),
        registry.queueDepth(),
        batches.sum(),
        batchedSources.sum(),
        swaps.sum(),
        failedLoads.sum(),
        counters.snapshot(),
        registry.currentVersions(),
        counters.sources());
  }

  @Override
  public void addListener(ServiceListener listener) {
    listeners.add(listener);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (watcher != null) {
      watcher.close();
    }
    if (reranking != null) {
      reranking.close();
    }
    registry.close();
  }
}
