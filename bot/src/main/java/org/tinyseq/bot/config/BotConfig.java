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
import java.util.stream.Collectors;
import org.tinyseq.serve.ServiceConfig;
import org.tinyseq.serve.decode.BatcherConfig;

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
 * @param shutdownGrace time in-flight interactions get on shutdown
 * @param healthPort port of the health/metrics endpoint, if any
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
    Duration shutdownGrace,
    OptionalInt healthPort,
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
    OptionalInt health = optionalInt(s, "HEALTH_PORT");
    if (health.isPresent() && (health.getAsInt() < 0 || health.getAsInt() > 65535)) {
      throw new ConfigException("HEALTH_PORT must be a port number");
    }
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
        s.getBoolean("OPERATORS_INCLUDE_GUILD_MANAGERS", true),
        positive(s, "RATE_LIMIT_USER_PER_MINUTE", 6),
        positive(s, "RATE_LIMIT_GUILD_PER_MINUTE", 60),
        positive(s, "BOT_WORKER_THREADS", 4),
        Duration.ofSeconds(positive(s, "SHUTDOWN_GRACE_SECONDS", 15)),
        health,
        logFormat,
        serviceConfig(s));
  }

  /** Console mode when no token is configured. */
  public boolean consoleMode() {
    return !token.isPresent();
  }

  /** The serving keys mapped onto {@link ServiceConfig}; unset keys keep the service defaults. */
  static ServiceConfig serviceConfig(Settings s) {
    ServiceConfig d = ServiceConfig.defaults();
    BatcherConfig b = d.batcher();
    try {
      return new ServiceConfig(
          s.get("MODELS_DIR").map(Path::of),
          s.getBoolean("USE_DEFAULT_MODELS", d.useDefaults()),
          s.getBoolean("MODELS_WATCH", d.watch()),
          Duration.ofMillis(s.getLong("MODELS_WATCH_INTERVAL_MS", d.watchInterval().toMillis())),
          s.getInt("MAX_INPUT_CHARS", d.maxInputChars()),
          s.getInt("MAX_OUTPUT_STEPS", d.maxOutputSteps()),
          Duration.ofMillis(s.getLong("REQUEST_TIMEOUT_MS", d.requestTimeout().toMillis())),
          s.getLong("CACHE_MAX_ENTRIES", d.cacheMaxEntries()),
          Duration.ofMinutes(s.getLong("CACHE_EXPIRY_MINUTES", d.cacheExpiry().toMinutes())),
          new BatcherConfig(
              s.getInt("BATCH_MAX_SIZE", b.maxBatch()),
              Duration.ofMillis(s.getLong("BATCH_MAX_WAIT_MS", b.maxWait().toMillis())),
              s.getInt("QUEUE_CAPACITY", b.queueCapacity()),
              s.getInt("DECODE_THREADS", b.threads()),
              s.getInt("BEAM_SIZE", b.beamSize())),
          s.getInt("KEEP_BUNDLES", d.keepBundles()),
          s.getBoolean("MEMORY", d.memory()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("serving settings: " + e.getMessage());
    }
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
    int v = s.getInt(key, fallback);
    if (v < 1) {
      throw new ConfigException(key + " must be at least 1");
    }
    return v;
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
