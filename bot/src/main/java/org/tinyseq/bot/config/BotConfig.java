package org.tinyseq.bot.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.tinyseq.serve.ServiceConfig;

/**
 * The bot's typed configuration. {@link #toString()} masks the token.
 *
 * @param token the bot token; absent = console mode
 * @param apiBaseUrl Discord REST base URL, ending in {@code /}
 * @param gatewayUrl gateway URL overriding the one from {@code GET /gateway/bot}, if any
 * @param devGuild guild to register the commands to instead of globally, if any
 * @param shardsTotal total shards, -1 = Discord's recommendation
 * @param shardMin first shard this process runs, with {@code shardMax}; empty = all
 * @param shardMax last shard this process runs (inclusive)
 * @param operatorIds users allowed to run {@code /model reload}
 * @param guildManagersAreOperators members with Manage Server may also run it
 * @param userPerMinute requests per user per minute
 * @param guildPerMinute requests per guild per minute
 * @param workerThreads threads answering interactions
 * @param workerQueue interactions that may wait for a worker thread; beyond, "busy" at once
 * @param shutdownGrace time in-flight interactions get on shutdown
 * @param healthPort port of the health/metrics endpoint, if any
 * @param healthBind address the health/metrics endpoint listens on (loopback unless configured)
 * @param logFormat {@code plain} or {@code json}
 * @param service the serving core's configuration
 */
public record BotConfig(
    Secret token,
    String apiBaseUrl,
    Optional<String> gatewayUrl,
    Optional<String> devGuild,
    int shardsTotal,
    OptionalInt shardMin,
    OptionalInt shardMax,
    Set<String> operatorIds,
    boolean guildManagersAreOperators,
    int userPerMinute,
    int guildPerMinute,
    int workerThreads,
    int workerQueue,
    Duration shutdownGrace,
    OptionalInt healthPort,
    String healthBind,
    String logFormat,
    ServiceConfig service) {

  /** The typed configuration of {@code settings}; throws {@link ConfigException} on bad values. */
  public static BotConfig from(Settings s) {
    Secret token = readToken(s);
    String base = s.get("DISCORD_API_BASE_URL", "https://discord.com/api/v10/");
    if (!base.endsWith("/")) {
      base = base + "/";
    }
    OptionalInt min = optionalInt(s, "SHARD_MIN");
    OptionalInt max = optionalInt(s, "SHARD_MAX");
    if (min.isPresent() != max.isPresent()) {
      throw new ConfigException("SHARD_MIN and SHARD_MAX must be set together");
    }
    int total = s.getInt("SHARDS_TOTAL", -1);
    if (min.isPresent()) {
      if (total < 1) {
        throw new ConfigException("SHARD_MIN/SHARD_MAX need SHARDS_TOTAL set");
      }
      if (min.getAsInt() < 0 || min.getAsInt() > max.getAsInt() || max.getAsInt() >= total) {
        throw new ConfigException("need 0 <= SHARD_MIN <= SHARD_MAX < SHARDS_TOTAL");
      }
    }
    Optional<String> devGuild = s.get("DISCORD_DEV_GUILD");
    devGuild.ifPresent(g -> requireSnowflake("DISCORD_DEV_GUILD", g));
    Set<String> operators =
        Arrays.stream(s.get("OPERATOR_IDS", "").split("[,\\s]+"))
            .filter(v -> !v.isBlank())
            .peek(v -> requireSnowflake("OPERATOR_IDS", v))
            .collect(Collectors.toUnmodifiableSet());
    OptionalInt health =
        s.get("HEALTH_PORT").isPresent()
            ? OptionalInt.of(s.getInt("HEALTH_PORT", 0, 0, 65535))
            : OptionalInt.empty();
    // As logback reads it (org.tinyseq.bot.ops.logging.LogFormat): json, else plain.
    String logFormat = s.get("LOG_FORMAT", "plain").equalsIgnoreCase("json") ? "json" : "plain";
    return new BotConfig(
        token,
        base,
        s.get("DISCORD_GATEWAY_URL"),
        devGuild,
        total,
        min,
        max,
        operators,
        s.getBoolean("OPERATORS_INCLUDE_GUILD_MANAGERS", false),
        positive(s, "RATE_LIMIT_USER_PER_MINUTE", 6),
        positive(s, "RATE_LIMIT_GUILD_PER_MINUTE", 60),
        positive(s, "BOT_WORKER_THREADS", 4),
        s.getInt("BOT_QUEUE_CAPACITY", 64, 1, 100_000),
        Duration.ofSeconds(positive(s, "SHUTDOWN_GRACE_SECONDS", 15)),
        health,
        healthBind(s),
        logFormat,
        serviceConfig(s));
  }

  /** Console mode when no token is configured. */
  public boolean consoleMode() {
    return !token.isPresent();
  }

  /**
   * The serving keys mapped onto {@link ServiceConfig}; unset keys keep the service defaults. Each
   * key is range-checked here, so a bad value is refused with its key's name.
   */
  static ServiceConfig serviceConfig(Settings s) {
    try {
      ServiceConfig.Builder b = ServiceConfig.builder();
      s.get("MODELS_DIR").map(Path::of).ifPresent(b::modelsDir);
      s.get("POOL_INDEX_DIR").map(Path::of).ifPresent(b::poolIndexDir);
      bool(s, "USE_DEFAULT_MODELS", b::useDefaults);
      bool(s, "MODELS_WATCH", b::watch);
      millis(s, "MODELS_WATCH_INTERVAL_MS", 1, DAY_MS, b::watchInterval);
      whole(s, "MAX_INPUT_CHARS", 1, 1_000_000, v -> b.maxInputChars((int) v));
      whole(s, "MAX_OUTPUT_STEPS", 1, 100_000, v -> b.maxOutputSteps((int) v));
      millis(s, "REQUEST_TIMEOUT_MS", 1, DAY_MS, b::requestTimeout);
      whole(s, "CACHE_MAX_ENTRIES", 0, 100_000_000, b::cacheMaxEntries);
      whole(
          s, "CACHE_EXPIRY_MINUTES", 1, 10 * 366 * 1440, v -> b.cacheExpiry(Duration.ofMinutes(v)));
      whole(s, "BATCH_MAX_SIZE", 1, 4096, v -> b.batchMaxSize((int) v));
      millis(s, "BATCH_MAX_WAIT_MS", 0, 60_000, b::batchMaxWait);
      whole(s, "QUEUE_CAPACITY", 1, 1_000_000, v -> b.queueCapacity((int) v));
      whole(s, "DECODE_THREADS", 1, 1024, v -> b.decodeThreads((int) v));
      whole(s, "BEAM_SIZE", 1, 64, v -> b.beamSize((int) v));
      whole(s, "KEEP_BUNDLES", 0, 1_000_000, v -> b.keepBundles((int) v));
      bool(s, "MEMORY", b::memory);
      whole(s, "RERANK_BEAM", 1, 64, v -> b.rerankBeam((int) v));
      fraction(s, "RERANK_LAMBDA", b::rerankLambdaIntoChinese);
      fraction(s, "RERANK_LAMBDA_ZH_EN", b::rerankLambdaIntoEnglish);
      return b.build();
    } catch (IllegalArgumentException e) {
      // every key is range-checked above; this is a combination the service refuses
      throw new ConfigException("serving settings: " + e.getMessage());
    }
  }

  // The three below pass a key's value on only when the key is set: an unset key keeps the
  // service's default.

  private static void whole(Settings s, String key, long min, long max, LongConsumer set) {
    if (s.get(key).isPresent()) {
      set.accept(s.getLong(key, 0, min, max));
    }
  }

  private static void millis(Settings s, String key, long min, long max, Consumer<Duration> set) {
    whole(s, key, min, max, v -> set.accept(Duration.ofMillis(v)));
  }

  /** A number from 0 to 1. */
  private static void fraction(Settings s, String key, java.util.function.DoubleConsumer set) {
    Optional<String> v = s.get(key);
    if (v.isEmpty()) {
      return;
    }
    double d;
    try {
      d = Double.parseDouble(v.get().strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a number from 0 to 1, not '" + v.get() + "'");
    }
    if (!(d >= 0 && d <= 1)) {
      throw new ConfigException(key + " must be a number from 0 to 1, not '" + v.get() + "'");
    }
    set.accept(d);
  }

  private static void bool(Settings s, String key, Consumer<Boolean> set) {
    if (s.get(key).isPresent()) {
      set.accept(s.getBoolean(key, false));
    }
  }

  private static final long DAY_MS = 86_400_000L;

  /** HEALTH_BIND: a literal IP address (no name lookups at startup), loopback when unset. */
  private static String healthBind(Settings s) {
    String bind = s.get("HEALTH_BIND", "127.0.0.1");
    if (!bind.matches("[0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*")) {
      throw new ConfigException(
          "HEALTH_BIND must be an IP address such as 127.0.0.1 or 0.0.0.0, not '" + bind + "'");
    }
    try {
      java.net.InetAddress.getByName(bind); // a literal: parsed, never looked up
    } catch (java.net.UnknownHostException e) {
      throw new ConfigException("HEALTH_BIND must be an IP address, not '" + bind + "'");
    }
    return bind;
  }

  private static Secret readToken(Settings s) {
    Optional<String> direct = s.get("DISCORD_TOKEN");
    if (direct.isPresent()) {
      return Secret.of(direct.get());
    }
    Optional<String> file = s.get("DISCORD_TOKEN_FILE");
    if (file.isEmpty()) {
      return Secret.none();
    }
    try {
      Secret token = Secret.of(Files.readString(Path.of(file.get()), StandardCharsets.UTF_8));
      if (!token.isPresent()) {
        throw new ConfigException("DISCORD_TOKEN_FILE " + file.get() + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw new ConfigException("cannot read DISCORD_TOKEN_FILE " + file.get());
    }
  }

  private static OptionalInt optionalInt(Settings s, String key) {
    return s.get(key).isPresent() ? OptionalInt.of(s.getInt(key, 0)) : OptionalInt.empty();
  }

  private static int positive(Settings s, String key, int fallback) {
    return s.getInt(key, fallback, 1, Integer.MAX_VALUE);
  }

  private static void requireSnowflake(String key, String value) {
    if (!value.matches("\\d{1,20}")) {
      throw new ConfigException(key + " must hold Discord ids (digits), not '" + value + "'");
    }
  }

  /** A copy with {@code overrides} applied: for tests and tools. */
  public static BotConfig of(Map<String, String> overrides) {
    return from(Settings.of(overrides));
  }
}
