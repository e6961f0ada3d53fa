package org.tinyseq.serve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.translate.RerankConfig;

/**
 * Configuration of a {@link ModelService}. See docs/serving-service.md for every field, its default
 * and the environment variable the bot maps to it.
 *
 * @param modelsDir folder with one sub-folder per kind ({@code translate/}, {@code chat/}) holding
 *     versioned bundle directories; empty = embedded defaults only
 * @param useDefaults serve the embedded default bundle of a kind when the models directory has no
 *     valid bundle of that kind
 * @param watch rescan {@code modelsDir} every {@code watchInterval} for new or removed bundles
 * @param watchInterval period of the rescans
 * @param maxInputChars longest accepted input, in characters (code points) after normalisation
 * @param maxOutputSteps most decoder steps (output characters) per reply
 * @param requestTimeout longest wait for a decode before the reply is TIMEOUT
 * @param cacheMaxEntries size bound of the result cache; 0 disables caching
 * @param cacheExpiry time a cached reply lives after it was decoded
 * @param batcher dynamic batching of each model's decoder
 * @param keepBundles bundles kept per kind in {@code modelsDir}, the oldest beyond are deleted
 *     (never the one serving); 0 = keep all
 * @param memory answer from a bundle's example memory when a request matches a training source at
 *     or above the bundle's threshold (bundles without a memory always decode)
 * @param rerank the translate commands' noisy-channel reranking ({@link RerankConfig})
 * @param poolIndexDir folder of the chat reply pools' indexes (built once, reused by later starts);
 *     empty = {@code <modelsDir>/.pool-index}, or {@code <java.io.tmpdir>/tinyseq-pool-index}
 *     without a models folder
 */
public record ServiceConfig(
    Optional<Path> modelsDir,
    boolean useDefaults,
    boolean watch,
    Duration watchInterval,
    int maxInputChars,
    int maxOutputSteps,
    Duration requestTimeout,
    long cacheMaxEntries,
    Duration cacheExpiry,
    BatcherConfig batcher,
    int keepBundles,
    boolean memory,
    RerankConfig rerank,
    Optional<Path> poolIndexDir) {

  public ServiceConfig {
    Objects.requireNonNull(modelsDir, "modelsDir");
    Objects.requireNonNull(rerank, "rerank");
    Objects.requireNonNull(poolIndexDir, "poolIndexDir");
    Objects.requireNonNull(batcher, "batcher");
    requirePositive(watchInterval, "watchInterval");
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(cacheExpiry, "cacheExpiry");
    if (maxInputChars <= 0 || maxOutputSteps <= 0) {
      throw new IllegalArgumentException("maxInputChars and maxOutputSteps must be positive");
    }
    if (cacheMaxEntries < 0 || keepBundles < 0) {
      throw new IllegalArgumentException("cacheMaxEntries and keepBundles must not be negative");
    }
  }

  /** Embedded defaults, no models directory; limits and cache as documented. */
  public static ServiceConfig defaults() {
    return new ServiceConfig(
        Optional.empty(),
        true,
        true,
        Duration.ofSeconds(5),
        500,
        200,
        Duration.ofSeconds(3),
        10_000,
        Duration.ofHours(1),
        BatcherConfig.defaults(),
        0,
        true,
        RerankConfig.defaults(),
        Optional.empty());
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link ServiceConfig} field by field; unset fields keep the values it started from.
   * The decoder's batching is set either whole ({@link #batcher(BatcherConfig)}) or value by value
   * ({@link #batchMaxSize(int)} and the next four), so that a caller such as the bot sets it
   * without the decoder's types.
   */
  public static final class Builder {
    private Optional<Path> modelsDir;
    private boolean useDefaults;
    private boolean watch;
    private Duration watchInterval;
    private int maxInputChars;
    private int maxOutputSteps;
    private Duration requestTimeout;
    private long cacheMaxEntries;
    private Duration cacheExpiry;
    private int batchMaxSize;
    private Duration batchMaxWait;
    private int queueCapacity;
    private int decodeThreads;
    private int beamSize;
    private int keepBundles;
    private boolean memory;
    private RerankConfig rerank;
    private Optional<Path> poolIndexDir;

    private Builder(ServiceConfig c) {
      modelsDir = c.modelsDir;
      useDefaults = c.useDefaults;
      watch = c.watch;
      watchInterval = c.watchInterval;
      maxInputChars = c.maxInputChars;
      maxOutputSteps = c.maxOutputSteps;
      requestTimeout = c.requestTimeout;
      cacheMaxEntries = c.cacheMaxEntries;
      cacheExpiry = c.cacheExpiry;
      batcher(c.batcher);
      keepBundles = c.keepBundles;
      memory = c.memory;
      rerank = c.rerank;
      poolIndexDir = c.poolIndexDir;
    }

    /** The models folder; null = none (embedded defaults only). */
    public Builder modelsDir(Path dir) {
      modelsDir = Optional.ofNullable(dir);
      return this;
    }

    public Builder useDefaults(boolean value) {
      useDefaults = value;
      return this;
    }

    public Builder watch(boolean value) {
      watch = value;
      return this;
    }

    public Builder watchInterval(Duration value) {
      watchInterval = value;
      return this;
    }

    public Builder maxInputChars(int value) {
      maxInputChars = value;
      return this;
    }

    public Builder maxOutputSteps(int value) {
      maxOutputSteps = value;
      return this;
    }

    public Builder requestTimeout(Duration value) {
      requestTimeout = value;
      return this;
    }

    public Builder cacheMaxEntries(long value) {
      cacheMaxEntries = value;
      return this;
    }

    public Builder cacheExpiry(Duration value) {
      cacheExpiry = value;
      return this;
    }

    /** All five batching values at once. */
    public Builder batcher(BatcherConfig value) {
      batchMaxSize = value.maxBatch();
      batchMaxWait = value.maxWait();
      queueCapacity = value.queueCapacity();
      decodeThreads = value.threads();
      beamSize = value.beamSize();
      return this;
    }

    /** {@link BatcherConfig#maxBatch()}. */
    public Builder batchMaxSize(int value) {
      batchMaxSize = value;
      return this;
    }

    /** {@link BatcherConfig#maxWait()}. */
    public Builder batchMaxWait(Duration value) {
      batchMaxWait = value;
      return this;
    }

    /** {@link BatcherConfig#queueCapacity()}. */
    public Builder queueCapacity(int value) {
      queueCapacity = value;
      return this;
    }

    /** {@link BatcherConfig#threads()}. */
    public Builder decodeThreads(int value) {
      decodeThreads = value;
      return this;
    }

    /** {@link BatcherConfig#beamSize()}. */
    public Builder beamSize(int value) {
      beamSize = value;
      return this;
    }

    public Builder keepBundles(int value) {
      keepBundles = value;
      return this;
    }

    public Builder memory(boolean value) {
      memory = value;
      return this;
    }

    /** {@link RerankConfig#beam()}: 1 turns reranking off. */
    public Builder rerankBeam(int value) {
      rerank = new RerankConfig(value, rerank.lambdaIntoChinese(), rerank.lambdaIntoEnglish());
      return this;
    }

    /** {@link RerankConfig#lambdaIntoChinese()}. */
    public Builder rerankLambdaIntoChinese(double value) {
      rerank = new RerankConfig(rerank.beam(), value, rerank.lambdaIntoEnglish());
      return this;
    }

    /** {@link RerankConfig#lambdaIntoEnglish()}. */
    public Builder rerankLambdaIntoEnglish(double value) {
      rerank = new RerankConfig(rerank.beam(), rerank.lambdaIntoChinese(), value);
      return this;
    }

    /** The reply pools' index folder; null = the default (see the record). */
    public Builder poolIndexDir(Path dir) {
      poolIndexDir = Optional.ofNullable(dir);
      return this;
    }

    /**
     * The configuration; throws {@link IllegalArgumentException} on a value the service refuses.
     */
    public ServiceConfig build() {
      return new ServiceConfig(
          modelsDir,
          useDefaults,
          watch,
          watchInterval,
          maxInputChars,
          maxOutputSteps,
          requestTimeout,
          cacheMaxEntries,
          cacheExpiry,
          new BatcherConfig(batchMaxSize, batchMaxWait, queueCapacity, decodeThreads, beamSize),
          keepBundles,
          memory,
          rerank,
          poolIndexDir);
    }
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }
}
