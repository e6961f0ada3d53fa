package org.tinyseq.bot.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.decode.BatcherConfig;

class BotConfigTest {
  @TempDir Path dir;

  @Test
  void packagedDefaultsGiveConsoleModeAgainstDiscord() {
    BotConfig c = BotConfig.from(Settings.load(Map.of()));
    assertTrue(c.consoleMode());
    assertEquals("https://discord.com/api/v10/", c.apiBaseUrl());
    assertEquals(Optional.empty(), c.gatewayUrl());
    assertEquals(-1, c.shardsTotal());
    assertEquals(6, c.userPerMinute());
    assertEquals(60, c.guildPerMinute());
    assertEquals(500, c.service().maxInputChars());
    assertEquals(Duration.ofSeconds(10), c.service().requestTimeout());
    assertEquals(Optional.empty(), c.service().modelsDir());
    assertTrue(c.service().memory());
    assertTrue(c.healthPort().isEmpty());
    assertEquals("127.0.0.1", c.healthBind(), "loopback unless HEALTH_BIND says otherwise");
    assertFalse(c.guildManagersAreOperators(), "only configured operators may reload");
    assertEquals(64, c.workerQueue());
  }

  @Test
  void packagedDefaultsLeaveBatchingToTheService() {
    // One source of truth: config/bot.properties must not restate (and drift from) these.
    assertEquals(
        BatcherConfig.defaults(), BotConfig.from(Settings.load(Map.of())).service().batcher());
  }

  @Test
  void aMalformedValueNamesItsKey() {
    for (var bad :
        Map.of(
                "MAX_INPUT_CHARS", "99999999999",
                "CACHE_EXPIRY_MINUTES", "9223372036854775807",
                "HEALTH_PORT", "70000",
                "HEALTH_BIND", "example.org",
                "BOT_QUEUE_CAPACITY", "0")
            .entrySet()) {
      ConfigException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              ConfigException.class, () -> BotConfig.of(Map.of(bad.getKey(), bad.getValue())));
      assertTrue(e.getMessage().startsWith(bad.getKey() + " must"), e.getMessage());
    }
  }

  @Test
  void everyDefaultKeyIsOverriddenByTheEnvironmentOfTheSameName() {
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("DISCORD_TOKEN", "abc.def.ghi"),
            Map.entry("DISCORD_API_BASE_URL", "http://127.0.0.1:9/api/v10"),
            Map.entry("DISCORD_GATEWAY_URL", "ws://127.0.0.1:10/"),
            Map.entry("DISCORD_DEV_GUILD", "123"),
            Map.entry("MODELS_DIR", "/models"),
            Map.entry("MAX_INPUT_CHARS", "80"),
            Map.entry("MAX_OUTPUT_STEPS", "50"),
            Map.entry("REQUEST_TIMEOUT_MS", "1500"),
            Map.entry("CACHE_MAX_ENTRIES", "7"),
            Map.entry("CACHE_EXPIRY_MINUTES", "3"),
            Map.entry("RATE_LIMIT_USER_PER_MINUTE", "2"),
            Map.entry("RATE_LIMIT_GUILD_PER_MINUTE", "9"),
            Map.entry("SHARDS_TOTAL", "4"),
            Map.entry("SHARD_MIN", "2"),
            Map.entry("SHARD_MAX", "3"),
            Map.entry("OPERATOR_IDS", "11, 22"),
            Map.entry("HEALTH_PORT", "8080"),
            Map.entry("LOG_FORMAT", "JSON"),
            Map.entry("DECODE_THREADS", "3"),
            Map.entry("BEAM_SIZE", "4"),
            Map.entry("MEMORY", "off"));
    BotConfig c = BotConfig.from(Settings.load(env));
    assertFalse(c.consoleMode());
    assertEquals("abc.def.ghi", c.token().reveal());
    assertEquals("http://127.0.0.1:9/api/v10/", c.apiBaseUrl());
    assertEquals(Optional.of("ws://127.0.0.1:10/"), c.gatewayUrl());
    assertEquals(Optional.of("123"), c.devGuild());
    assertEquals(Optional.of(Path.of("/models")), c.service().modelsDir());
    assertEquals(80, c.service().maxInputChars());
    assertEquals(50, c.service().maxOutputSteps());
    assertEquals(Duration.ofMillis(1500), c.service().requestTimeout());
    assertEquals(7, c.service().cacheMaxEntries());
    assertEquals(Duration.ofMinutes(3), c.service().cacheExpiry());
    assertEquals(3, c.service().batcher().threads());
    assertEquals(4, c.service().batcher().beamSize());
    assertFalse(c.service().memory());
    assertEquals(2, c.userPerMinute());
    assertEquals(9, c.guildPerMinute());
    assertEquals(4, c.shardsTotal());
    assertEquals(2, c.shardMin().getAsInt());
    assertEquals(3, c.shardMax().getAsInt());
    assertEquals(Set.of("11", "22"), c.operatorIds());
    assertEquals(8080, c.healthPort().getAsInt());
    assertEquals("json", c.logFormat());
  }

  @Test
  void tokenFileServesDockerSecretsAndTheTokenIsNeverPrinted() throws Exception {
    Path secret = dir.resolve("token");
    Files.writeString(secret, "sekrit.token.value\n");
    BotConfig c = BotConfig.from(Settings.load(Map.of("DISCORD_TOKEN_FILE", secret.toString())));
    assertEquals("sekrit.token.value", c.token().reveal());
    assertFalse(c.toString().contains("sekrit"), c.toString());
    assertTrue(c.toString().contains("****"));
  }

  @Test
  void botConfigFileSitsBetweenDefaultsAndEnvironment() throws Exception {
    Path file = dir.resolve("bot.properties");
    Files.writeString(file, "RATE_LIMIT_USER_PER_MINUTE=4\nRATE_LIMIT_GUILD_PER_MINUTE=40\n");
    BotConfig c =
        BotConfig.from(
            Settings.load(
                Map.of("BOT_CONFIG", file.toString(), "RATE_LIMIT_GUILD_PER_MINUTE", "41")));
    assertEquals(4, c.userPerMinute());
    assertEquals(41, c.guildPerMinute());
  }

  @Test
  void logFormatIsJsonOrElsePlainAsLogbackReadsIt() {
    assertEquals("plain", BotConfig.of(Map.of("LOG_FORMAT", "xml")).logFormat());
    assertEquals("json", BotConfig.of(Map.of("LOG_FORMAT", " Json ")).logFormat());
  }

  @Test
  void emptyEnvironmentValueKeepsTheDefault() {
    BotConfig c = BotConfig.from(Settings.load(Map.of("RATE_LIMIT_USER_PER_MINUTE", "")));
    assertEquals(6, c.userPerMinute());
  }

  @Test
  void badValuesGiveOneLineMessagesNamingTheKey() {
    assertEquals(
        "MAX_INPUT_CHARS must be a whole number, not 'lots'",
        assertThrows(ConfigException.class, () -> BotConfig.of(Map.of("MAX_INPUT_CHARS", "lots")))
            .getMessage());
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> BotConfig.of(Map.of("SHARDS_TOTAL", "2", "SHARD_MIN", "1", "SHARD_MAX", "2")))
            .getMessage()
            .contains("SHARD_MAX < SHARDS_TOTAL"));
    assertThrows(ConfigException.class, () -> BotConfig.of(Map.of("SHARD_MIN", "0")));
    assertThrows(ConfigException.class, () -> BotConfig.of(Map.of("DISCORD_DEV_GUILD", "abc")));
    assertThrows(
        ConfigException.class, () -> BotConfig.of(Map.of("DISCORD_TOKEN_FILE", "/nonexistent")));
    assertThrows(ConfigException.class, () -> BotConfig.of(Map.of("MAX_INPUT_CHARS", "0")));
  }
}
